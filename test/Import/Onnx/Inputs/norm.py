"""Models of the normalizations and softmax (norm.test)."""

from onnxgen import FLOAT, helper, model, save, outdir, weights

d = outdir()
N = helper.make_node

# BatchNormalization (opset 15, inference) and LayerNormalization (opset 17)
# with and without bias.
stats = [weights(n, [4], i) for i, n in enumerate(["scale", "bias", "mean"])]
stats.append(helper.make_tensor("var", FLOAT, [4], [1.0, 2.0, 0.5, 1.5]))
nodes = [
    N("BatchNormalization", ["x", "scale", "bias", "mean", "var"], ["bn"],
      epsilon=1e-3),
    N("LayerNormalization", ["x", "g", "b"], ["ln"], axis=2, epsilon=1e-6),
    N("LayerNormalization", ["x", "g1"], ["ln_last"]),
]
save(model(nodes, [("x", FLOAT, [2, 4, 3, 5])], [n.output[0] for n in nodes],
           stats + [weights("g", [3, 5], 4), weights("b", [3, 5], 5),
                    weights("g1", [5], 6)], opset=17), d, "norms")

# Softmax: opset 11 views the input as a matrix split at `axis`; opset 13
# normalizes along one axis.
for opset in (11, 13):
    nodes = [
        N("Softmax", ["x"], ["softmax"], axis=1),
        N("Softmax", ["x"], ["softmax_last"], axis=-1),
        N("LogSoftmax", ["x"], ["log_softmax"], axis=1),
        N("Softmax", ["x"], ["softmax_default"]),
    ]
    save(model(nodes, [("x", FLOAT, [2, 3, 4])], [n.output[0] for n in nodes],
               opset=opset), d, "softmax%d" % opset)

# LayerNormalization's optional outputs: Mean and InvStdDev over the
# normalized dimensions (axis -2 of a rank-3 input), kept as size-1
# dimensions; one node with only InvStdDev used.
nodes = [
    N("LayerNormalization", ["x", "g2"], ["ln2", "mean", "inv_std_dev"],
      axis=-2, epsilon=1e-4),
    N("LayerNormalization", ["x", "g2"], ["ln3", "", "inv_only"], axis=1),
]
save(model(nodes, [("x", FLOAT, [2, 3, 4])],
           ["ln2", "mean", "inv_std_dev", "ln3", "inv_only"],
           [weights("g2", [3, 4], 7)], opset=17), d, "layernorm-stats")

# InstanceNormalization of an image batch (per-channel scale and bias) and of
# a [N, groups, -1] view with a scale of ones and a bias of zeros (the form
# torch.onnx gives GroupNorm), with their numpy reference.
import os  # noqa: E402

import numpy as np  # noqa: E402

from onnxgen import floats, ints  # noqa: E402

nodes = [
    N("InstanceNormalization", ["x", "s", "c"], ["inorm"], epsilon=1e-3),
    N("Reshape", ["x", "grouped"], ["xg"]),
    N("InstanceNormalization", ["xg", "ones", "zeros"], ["gn_flat"]),
    N("Reshape", ["gn_flat", "image"], ["gnorm"]),
]
save(model(nodes, [("x", FLOAT, [2, 4, 3, 5])], ["inorm", "gnorm"],
           [weights("s", [4], 8), weights("c", [4], 9), ints("grouped", [2, 2, -1]),
            floats("ones", [1.0, 1.0]), floats("zeros", [0.0, 0.0]),
            ints("image", [2, 4, 3, 5])]), d, "instancenorm")
with open(os.path.join(d, "instancenorm.py"), "w") as f:
    f.write(f'''import numpy as np

S = np.array({np.random.default_rng(8).standard_normal([4]).astype(np.float32).tolist()})
C = np.array({np.random.default_rng(9).standard_normal([4]).astype(np.float32).tolist()})


def normalize(x, axes, eps):
    x = x.astype(np.float64)
    mean = x.mean(axis=axes, keepdims=True)
    return (x - mean) / np.sqrt(x.var(axis=axes, keepdims=True) + eps)


def reference(x):
    inorm = normalize(x, (2, 3), 1e-3) * S.reshape(4, 1, 1) + C.reshape(4, 1, 1)
    gnorm = normalize(x.reshape(2, 2, -1), (2,), 1e-5).reshape(x.shape)
    return inorm.astype(np.float32), gnorm.astype(np.float32)
''')
