"""Models of pooling and reductions (pool.test)."""

from onnxgen import FLOAT, helper, model, save, outdir, ints

d = outdir()
N = helper.make_node

nodes = [
    N("MaxPool", ["x"], ["max"], kernel_shape=[3, 3], strides=[2, 2],
      pads=[1, 1, 1, 1]),
    N("MaxPool", ["x"], ["max_ceil"], kernel_shape=[2, 2], strides=[2, 2],
      ceil_mode=1, dilations=[1, 1]),
    N("MaxPool", ["x"], ["max_same"], kernel_shape=[2, 2], strides=[2, 2],
      auto_pad="SAME_LOWER"),
    N("AveragePool", ["x"], ["avg"], kernel_shape=[3, 3], pads=[1, 1, 1, 1],
      count_include_pad=1),
    N("AveragePool", ["x"], ["avg_same"], kernel_shape=[3, 3], strides=[2, 2],
      auto_pad="SAME_UPPER"),
    N("GlobalAveragePool", ["x"], ["gap"]),
    N("GlobalMaxPool", ["x"], ["gmp"]),
]
save(model(nodes, [("x", FLOAT, [1, 2, 7, 7])], [n.output[0] for n in nodes]),
     d, "pool")
save(model([N("MaxPool", ["x"], ["y"], kernel_shape=[3], strides=[2])],
           [("x", FLOAT, [1, 2, 9])], ["y"]), d, "pool1d")

# Reductions: axes as attributes (ReduceMean, ReduceMax; ReduceSum before
# opset 13), as an input (ReduceSum from opset 13), absent (all axes), and
# noop_with_empty_axes.
nodes = [
    N("ReduceMean", ["x"], ["mean"], axes=[2, 3], keepdims=1),
    N("ReduceMax", ["x"], ["max"], axes=[-1], keepdims=0),
    N("ReduceSum", ["x", "axes"], ["sum"], keepdims=0),
    N("ReduceSum", ["x"], ["sum_all"]),
    N("ReduceSum", ["x"], ["sum_noop"], noop_with_empty_axes=1),
]
save(model(nodes, [("x", FLOAT, [1, 2, 7, 7])], [n.output[0] for n in nodes],
           [ints("axes", [1])]), d, "reduce13")
save(model([N("ReduceSum", ["x"], ["sum"], axes=[0, 1])],
           [("x", FLOAT, [2, 3, 4])], ["sum"], opset=11), d, "reduce11")
