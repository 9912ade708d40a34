"""A graph with PyTorch-style shape code (shape-folding.test).

torch.onnx.export writes view, chunk and expand with run-time shape
arithmetic. Here the batch dimension is symbolic ('N'), so nothing is static
until kiln-compile --input-shape fixes it; then every Shape, Gather,
Unsqueeze, Concat, Div, Equal, Where, ConstantOfShape, Range, Cast and Size is
evaluated at import and only static kiln ops remain.

    y = channel_shuffle(x, groups=2)        # view, transpose, view
    y1, y2 = y.chunk(2, dim=1)              # Slice with computed bounds
    z = y2 + bias.expand(-1, ...)           # Expand of a Where(Equal(-1))
    p = y1 + arange(W) / numel(x)           # Range, Cast, Size
"""

from onnxgen import FLOAT, INT64, helper, model, save, outdir, ints, floats, weights

d = outdir()
N = helper.make_node


def scalar_index(name, i):
    return ints(name, i)


nodes = [
    # s = x.shape; n, c, h, w = s
    N("Shape", ["x"], ["s"]),
    N("Gather", ["s", "i0"], ["n"], axis=0),
    N("Gather", ["s", "i1"], ["c"], axis=0),
    N("Gather", ["s", "i2"], ["h"], axis=0),
    N("Gather", ["s", "i3"], ["w"], axis=0),
    # x.view(n, 2, c // 2, h, w).transpose(1, 2).view(n, c, h, w)
    N("Div", ["c", "two"], ["cg"]),
    N("Unsqueeze", ["n", "zero_axis"], ["n1"]),
    N("Unsqueeze", ["cg", "zero_axis"], ["cg1"]),
    N("Unsqueeze", ["c", "zero_axis"], ["c1"]),
    N("Unsqueeze", ["h", "zero_axis"], ["h1"]),
    N("Unsqueeze", ["w", "zero_axis"], ["w1"]),
    N("Concat", ["n1", "two1", "cg1", "h1", "w1"], ["shape5"], axis=0),
    N("Reshape", ["x", "shape5"], ["grouped"]),
    N("Transpose", ["grouped"], ["swapped"], perm=[0, 2, 1, 3, 4]),
    N("Concat", ["n1", "c1", "h1", "w1"], ["shape4"], axis=0),
    N("Reshape", ["swapped", "shape4"], ["y"]),
    # y1, y2 = y.chunk(2, dim=1)
    N("Slice", ["y", "zero1", "cg1", "one_axis"], ["y1"]),
    N("Slice", ["y", "cg1", "big", "one_axis"], ["y2"]),
    # bias.expand(-1, ...): Where(shape == -1, 1, shape)
    N("Concat", ["n1", "minus1", "h1", "w1"], ["target"], axis=0),
    N("Equal", ["target", "minus1"], ["is_keep"]),
    N("Shape", ["target"], ["target_shape"]),
    N("ConstantOfShape", ["target_shape"], ["ones"],
      value=helper.make_tensor("one", INT64, [1], [1])),
    N("Where", ["is_keep", "ones", "target"], ["expand_shape"]),
    N("Expand", ["bias", "expand_shape"], ["bias_expanded"]),
    N("Add", ["y2", "bias_expanded"], ["z"]),
    # arange(W) / numel(x)
    N("Range", ["zero", "w", "one"], ["positions"]),
    N("Cast", ["positions"], ["positions_f"], to=FLOAT),
    N("Size", ["x"], ["numel"]),
    N("Cast", ["numel"], ["numel_f"], to=FLOAT),
    N("Div", ["positions_f", "numel_f"], ["ramp"]),
    N("Add", ["y1", "ramp"], ["p"]),
]
inits = [
    scalar_index("i0", 0), scalar_index("i1", 1), scalar_index("i2", 2),
    scalar_index("i3", 3), ints("two", 2), ints("two1", [2]),
    ints("zero_axis", [0]), ints("one_axis", [1]), ints("zero1", [0]),
    ints("big", [2**62]), ints("minus1", [-1]), ints("zero", 0), ints("one", 1),
    weights("bias", [4, 1, 1]),
]
save(model(nodes, [("x", FLOAT, ["N", 8, 4, 4])],
           [("y", FLOAT, ["N", 8, 4, 4]), ("z", FLOAT, ["N", 4, 4, 4]),
            ("p", FLOAT, ["N", 4, 4, 4])], inits, infer=False),
     d, "shuffle_chunk")

# A Swin-style attention mask built by slice assignment into zeros
# (torch.onnx.export writes mask[..., a:b] = v as ScatterND of an Expand of
# ConstantOfShape): all of it is evaluated at import. Then a Not of a value
# known at run time only, which is imported (as equal(x, false)).
#
#     mask = zeros(4, 4); mask[2:4] = 1; mask[0, 0] = 5; mask[1, 1] = 7
#     y = where(x != 0, x * mask, -1)
from onnx import TensorProto  # noqa: E402
import os  # noqa: E402
mask_nodes = [
    N("ConstantOfShape", ["mask_shape"], ["zeros"],
      value=helper.make_tensor("v0", TensorProto.FLOAT, [1], [0.0])),
    N("ConstantOfShape", ["one_shape"], ["one"],
      value=helper.make_tensor("v1", TensorProto.FLOAT, [1], [1.0])),
    N("Expand", ["one", "rows_shape"], ["ones"]),
    N("ScatterND", ["zeros", "rows", "ones"], ["mask1"]),
    N("ScatterND", ["mask1", "points", "values"], ["mask"]),
    N("Mul", ["x", "mask"], ["xm"]),
    N("Equal", ["x", "zero_f"], ["is_zero"]),
    N("Not", ["is_zero"], ["nonzero"]),
    N("Where", ["nonzero", "xm", "minus_one"], ["y"]),
]
mask_inits = [
    ints("mask_shape", [4, 4]), ints("one_shape", [1, 1]), ints("rows_shape", [2, 4]),
    ints("rows", [[2], [3]]), ints("points", [[0, 0], [1, 1]]),
    floats("values", [5.0, 7.0]), floats("zero_f", 0.0), floats("minus_one", -1.0),
]
save(model(mask_nodes, [("x", FLOAT, [2, 4, 4])], ["y"], mask_inits), d, "scatter_mask")
with open(os.path.join(d, "scatter_mask.py"), "w") as f:
    f.write('''import numpy as np


def make_inputs(rng, infos):
    x = rng.standard_normal((2, 4, 4)).astype(np.float32)
    x[0, 1, :2] = 0  # Not(Equal(x, 0)) is false there
    return {"x": x}


def reference(x):
    mask = np.zeros((4, 4), np.float32)
    mask[2:4] = 1
    mask[0, 0], mask[1, 1] = 5, 7
    return np.where(x != 0, x * mask, -1).astype(np.float32)
''')
