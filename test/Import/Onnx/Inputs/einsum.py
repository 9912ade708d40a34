"""Einsum models, their numpy references, and constants the importer evaluates
(einsum.test).

Writes OUTDIR/<name>.onnx for every model, and OUTDIR/<name>.py, the
reference module of utils/check-model.py (numpy.einsum on the inputs), for
those run numerically.
"""

import os

import numpy as np

from onnxgen import FLOAT, floats, helper, ints, model, outdir, save

d = outdir()
N = helper.make_node

# name: (equation, input shapes)
CASES = {
    # Attention scores and values as users write them with torch.einsum.
    "scores": ("bhqd,bhkd->bhqk", [[2, 3, 5, 4], [2, 3, 6, 4]]),
    "values": ("bhqk,bhkd->bhqd", [[2, 3, 5, 6], [2, 3, 6, 4]]),
    # torch.outer exports as this.
    "outer": ("i,j->ij", [[5], [7]]),
    "transpose": ("ijk->kij", [[2, 3, 4]]),
    "reduce": ("ijk->j", [[2, 3, 4]]),
    "sum-all": ("ij->", [[3, 4]]),
    # Implicit output: the indices that occur once, in alphabetical order.
    "implicit": ("kj,ji", [[3, 4], [4, 5]]),
    # '...' as a batch, and broadcast (ONNX 1.12's shape inference refuses an
# ellipsis of different ranks).
    "ellipsis": ("...ij,...jk->...ik", [[2, 3, 4, 5], [2, 3, 5, 6]]),
    "ellipsis-broadcast": ("...ij,...jk->...ik", [[2, 1, 4, 5], [1, 3, 5, 6]]),
    # Three operands, multiplied left to right.
    "chain": ("ij,jk,kl->il", [[3, 4], [4, 5], [5, 6]]),
    # A batch index of one operand only, and one summed alone (b in 'weights').
    "mixed": ("bij,jk->bik", [[2, 3, 4], [4, 5]]),
    "pooling": ("bn,bnd->bd", [[2, 5], [2, 5, 3]]),
    "alone": ("bij,bjk->ik", [[2, 3, 4], [2, 4, 5]]),
    # A summed index that one operand broadcasts (size 1).
    "broadcast-sum": ("ij,ij->j", [[1, 4], [3, 4]]),
    # Spaces are allowed, upper case is a different index.
    "spaces": ("Ab , bA -> A", [[3, 4], [4, 3]]),
}

REFERENCE = '''import numpy as np


def reference(**inputs):
    args = [inputs[f"x{{i}}"].astype(np.float64) for i in range({count})]
    return np.einsum("{equation}", *args).astype(np.float32)
'''

for name, (equation, shapes) in CASES.items():
    names = [f"x{i}" for i in range(len(shapes))]
    # ONNX 1.12's shape inference gives an Einsum's rank at most: the output
    # type is written out, as an exporter does.
    out = np.einsum(equation.replace(" ", ""), *[np.zeros(s) for s in shapes]).shape
    save(model([N("Einsum", names, ["y"], equation=equation, name=name)],
               [(n, FLOAT, s) for n, s in zip(names, shapes)],
               [("y", FLOAT, list(out))], opset=13), d, name)
    with open(os.path.join(d, name + ".py"), "w") as f:
        f.write(REFERENCE.format(count=len(shapes),
                                 equation=equation.replace(" ", "")))

# A rotary embedding's tables computed in the graph, as torch.onnx.export
# writes a forward that calls torch.arange, torch.einsum (or torch.outer),
# cat, cos and sin: evaluated at import into constants. MatMul of constants
# too (the [1, D/2, 1] x [1, 1, S] of LLaMA-style rotary code).
S, D = 6, 8
inv_freq = (1.0 / 10000 ** (np.arange(0, D, 2) / D)).astype(np.float32)
rotary = [
    N("Range", ["start", "limit", "delta"], ["t_int"]),
    N("Cast", ["t_int"], ["t"], to=helper.TensorProto.FLOAT),
    N("Einsum", ["t", "inv_freq"], ["freqs"], equation="i,j->ij"),
    N("Unsqueeze", ["inv_freq", "axes02"], ["inv_col"]),
    N("Unsqueeze", ["t", "axes01"], ["t_row"]),
    N("MatMul", ["inv_col", "t_row"], ["freqs_t"]),
    N("Transpose", ["freqs_t"], ["freqs_mm"], perm=[0, 2, 1]),
    N("Squeeze", ["freqs_mm", "axes0"], ["freqs2"]),
    N("Add", ["freqs", "freqs2"], ["freqs_sum"]),
    N("Concat", ["freqs_sum", "freqs_sum"], ["emb"], axis=-1),
    N("Cos", ["emb"], ["cos"]),
    N("Sin", ["emb"], ["sin"]),
    N("Mul", ["x", "cos"], ["xc"]),
    N("Mul", ["x", "sin"], ["xs"]),
    N("Add", ["xc", "xs"], ["y"]),
]
save(model(rotary, [("x", FLOAT, [1, S, D])], ["y"],
           [ints("start", 0), ints("limit", S), ints("delta", 1),
            floats("inv_freq", inv_freq), ints("axes02", [0, 2]),
            ints("axes01", [0, 1]), ints("axes0", [0])], opset=13), d, "rotary")
with open(os.path.join(d, "rotary.py"), "w") as f:
    f.write(f'''import numpy as np

INV_FREQ = np.array({inv_freq.tolist()}, dtype=np.float32)


def reference(x):
    t = np.arange({S}, dtype=np.float32)
    freqs = 2 * np.outer(t, INV_FREQ).astype(np.float32)
    emb = np.concatenate([freqs, freqs], axis=-1).astype(np.float64)
    return (x * np.cos(emb) + x * np.sin(emb)).astype(np.float32)
''')

# Sin and Cos of a value computed at run time are kiln ops.
save(model([N("Sin", ["x"], ["s"]), N("Cos", ["s"], ["y"])],
           [("x", FLOAT, [4, 5])], ["y"]), d, "sin-cos")
with open(os.path.join(d, "sin-cos.py"), "w") as f:
    f.write('''import numpy as np


def make_inputs(rng, infos):
    return {"x": (rng.standard_normal((4, 5)) * 20).astype(np.float32)}


def reference(x):
    return np.cos(np.sin(x.astype(np.float64))).astype(np.float32)
''')

# Einsums the importer refuses, each with the node named.
ERRORS = {
    "diagonal": ("ii->i", [[3, 3]], [3]),
    "character": ("i#,j->ij", [[3, 2], [4]], [3, 4]),
    "operands": ("ij,jk->ik", [[3, 4]], [3, 4]),
    "rank": ("ijk,jk->i", [[3, 4], [4, 5]], [3]),
    "sizes": ("ij,jk->ik", [[3, 4], [5, 6]], [3, 6]),
    "output": ("ij->ik", [[3, 4]], [3, 4]),
}
for name, (equation, shapes, out) in ERRORS.items():
    names = [f"x{i}" for i in range(len(shapes))]
    save(model([N("Einsum", names, ["y"], equation=equation, name="bad_" + name)],
               [(n, FLOAT, s) for n, s in zip(names, shapes)],
               [("y", FLOAT, out)], opset=13, infer=False),
         d, "error-" + name, check=False)
