"""Models of the tensor plumbing ops (tensor.test)."""

import numpy as np
from onnxgen import (FLOAT, INT64, helper, model, save, outdir, tensor, ints,
                     floats)

d = outdir()
N = helper.make_node

# Reshape (0 copies, -1 infers), Transpose (default reverses), Concat,
# Gather, Expand, Flatten, Identity, Dropout, Constant.
nodes = [
    N("Reshape", ["x", "shape"], ["reshape"]),
    N("Transpose", ["x"], ["transpose"]),
    N("Transpose", ["x"], ["permute"], perm=[0, 2, 3, 1]),
    N("Concat", ["x", "x"], ["concat"], axis=-1),
    N("Gather", ["x", "idx"], ["gather"], axis=1),
    N("Gather", ["x", "i"], ["gather_input"], axis=3),
    N("Expand", ["c", "eshape"], ["expand"]),
    N("Flatten", ["x"], ["flatten"], axis=-1),
    N("Identity", ["x"], ["identity"]),
    N("Dropout", ["x"], ["dropout"]),
    N("Constant", [], ["k"], value=helper.make_tensor("k", FLOAT, [2],
                                                      [0.5, 1.5])),
    N("Mul", ["x", "k"], ["scaled"]),
    N("Constant", [], ["kf"], value_float=3.0),
    N("Add", ["x", "kf"], ["shifted"]),
]
save(model(nodes, [("x", FLOAT, [2, 3, 4, 2]), ("c", FLOAT, [3, 1]),
                   ("i", INT64, [5])], [n.output[0] for n in nodes if n.op_type != "Constant"],
           [ints("shape", [0, -1, 2]), ints("idx", [[2, 0], [1, 1]]),
            ints("eshape", [2, 1, 4])]), d, "plumbing")

# Split: attribute (opset 11), input (opset 13), equal parts.
save(model([N("Split", ["x"], ["a", "b"], axis=1, split=[1, 2])],
           [("x", FLOAT, [2, 3, 4])], ["a", "b"], opset=11), d, "split11")
save(model([N("Split", ["x", "split"], ["a", "b", "c"], axis=-1),
            N("Split", ["x"], ["p", "q"], axis=2)],
           [("x", FLOAT, [2, 3, 4])], ["a", "b", "c", "p", "q"],
           [ints("split", [1, 1, 2])]), d, "split13")

# Slice: negative and out-of-range bounds, omitted axes, negative steps.
def slice_node(name, starts, ends, axes=None, steps=None):
    inputs = ["x", name + "_s", name + "_e"]
    inits = [ints(name + "_s", starts), ints(name + "_e", ends)]
    if axes is not None:
        inputs.append(name + "_a")
        inits.append(ints(name + "_a", axes))
    if steps is not None:
        inputs.append(name + "_k")
        inits.append(ints(name + "_k", steps))
    return N("Slice", inputs, [name]), inits

slices = [
    slice_node("first", [0, 1], [1, 3]),
    slice_node("negative", [-3], [-1], axes=[-1]),
    slice_node("clamped", [1], [2**62], axes=[2]),
    slice_node("reversed", [-1, 2**62], [-2**62, -2**62], axes=[1, 2],
               steps=[-1, -2]),
    slice_node("strided", [0], [5], axes=[2], steps=[2]),
    slice_node("empty", [3], [1], axes=[2]),
]
save(model([n for n, _ in slices], [("x", FLOAT, [2, 3, 5])],
           [n.output[0] for n, _ in slices], sum((i for _, i in slices), [])),
     d, "slice")

# Pad: constant with a value, reflect, edge, negative pads (cropping).
nodes = [
    N("Pad", ["x", "pads", "value"], ["constant"]),
    N("Pad", ["x", "pads"], ["reflect"], mode="reflect"),
    N("Pad", ["x", "pads"], ["edge"], mode="edge"),
    N("Pad", ["x", "crop_pads"], ["crop"]),
]
save(model(nodes, [("x", FLOAT, [1, 2, 4, 4])], [n.output[0] for n in nodes],
           [ints("pads", [0, 0, 1, 2, 0, 0, 1, 2]), floats("value", 0.5),
            ints("crop_pads", [0, 0, -1, 1, 0, 0, 2, -2])]), d, "pad")

# Squeeze and Unsqueeze: axes attribute (opset 11) and input (opset 13).
nodes = [
    N("Squeeze", ["x"], ["squeeze"], axes=[0, -1]),
    N("Squeeze", ["x"], ["squeeze_all"]),
    N("Unsqueeze", ["x"], ["unsqueeze"], axes=[1, -1]),
]
# ONNX 1.12 cannot infer the shape of a Squeeze without axes: declare it.
save(model(nodes, [("x", FLOAT, [1, 3, 1, 1])],
           ["squeeze", ("squeeze_all", FLOAT, [3]), "unsqueeze"], opset=11),
     d, "squeeze11")
nodes = [
    N("Squeeze", ["x", "axes"], ["squeeze"]),
    N("Unsqueeze", ["x", "axes"], ["unsqueeze"]),
]
save(model(nodes, [("x", FLOAT, [1, 3, 1, 1])], [n.output[0] for n in nodes],
           [ints("axes", [0, 2])]), d, "squeeze13")
