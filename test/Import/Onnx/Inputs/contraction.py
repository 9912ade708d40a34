"""Models of Conv, ConvTranspose, MatMul and Gemm (contraction.test)."""

from onnxgen import FLOAT, helper, model, save, outdir, weights

d = outdir()
N = helper.make_node

# Conv: explicit pads with bias, every auto_pad mode, depthwise with
# dilations, and 1-D.
nodes = [
    N("Conv", ["x", "w", "b"], ["pads"], pads=[1, 2, 1, 0], strides=[2, 1]),
    N("Conv", ["x8", "w"], ["same_upper"], auto_pad="SAME_UPPER", strides=[2, 2]),
    N("Conv", ["x8", "w"], ["same_lower"], auto_pad="SAME_LOWER", strides=[2, 2]),
    N("Conv", ["x", "w"], ["valid"], auto_pad="VALID", kernel_shape=[3, 3]),
    N("Conv", ["x", "dw"], ["depthwise"], group=4, dilations=[2, 2],
      pads=[2, 2, 2, 2]),
]
save(model(nodes, [("x", FLOAT, [1, 4, 9, 9]), ("x8", FLOAT, [1, 4, 8, 8])],
           [n.output[0] for n in nodes], [weights("w", [8, 4, 3, 3]), weights("b", [8], 1),
            weights("dw", [4, 1, 3, 3], 2)]), d, "conv")
save(model([N("Conv", ["x", "w"], ["y"], pads=[1, 1], strides=[2])],
           [("x", FLOAT, [1, 4, 10])], ["y"], [weights("w", [6, 4, 3])]),
     d, "conv1d")

# ConvTranspose: strides with pads and output_padding, output_shape, SAME,
# groups, 1-D.
nodes = [
    N("ConvTranspose", ["x", "w", "b"], ["pads"], strides=[2, 2],
      pads=[1, 1, 1, 1], output_padding=[1, 1]),
    N("ConvTranspose", ["x", "w"], ["shape"], strides=[2, 2],
      output_shape=[10, 9]),
    N("ConvTranspose", ["x", "w"], ["same"], strides=[2, 2],
      auto_pad="SAME_UPPER"),
    N("ConvTranspose", ["x", "wg"], ["grouped"], group=2),
    N("ConvTranspose", ["x", "w"], ["larger"], strides=[2, 2],
      output_shape=[12, 11]),
]
save(model(nodes, [("x", FLOAT, [1, 4, 5, 5])], [n.output[0] for n in nodes],
           [weights("w", [4, 3, 3, 3]), weights("b", [3], 1),
            weights("wg", [4, 2, 3, 3], 2)]), d, "conv_transpose")
save(model([N("ConvTranspose", ["x", "w"], ["y"], strides=[2])],
           [("x", FLOAT, [1, 4, 10])], ["y"], [weights("w", [4, 2, 3])]),
     d, "conv_transpose1d")

# MatMul (batched, broadcasting) and Gemm.
nodes = [
    N("MatMul", ["x", "m"], ["matmul"]),
    N("Gemm", ["a", "w", "c"], ["gemm"], transB=1, alpha=0.5, beta=2.0),
    N("Gemm", ["a", "wt"], ["gemm_no_c"]),
]
save(model(nodes, [("x", FLOAT, [2, 5, 8]), ("a", FLOAT, [3, 8])],
           [n.output[0] for n in nodes],
           [weights("m", [8, 4]), weights("w", [6, 8], 1), weights("c", [6], 2),
            weights("wt", [8, 6], 3)]), d, "matmul")
