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
