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
