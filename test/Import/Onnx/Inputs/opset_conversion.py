"""Models of opsets before 11, which the importer converts to opset 11 with
ONNX's version converter (opset-conversion.test)."""

from onnxgen import FLOAT, helper, model, save, outdir, weights

d = outdir()
N = helper.make_node

# Opset 6: Gemm with legacy broadcasting of C, Add with a legacy `broadcast`
# of a trailing [3] operand, Mul with a legacy `broadcast` of [2] along
# `axis` 1 (the converter of ONNX 1.12 gets that one wrong unless the
# importer first unsqueezes the operand to [2, 1, 1]), an opset-2 Pad with its pads as an
# attribute (an input from opset 11) and an opset-7 Upsample (Resize from
# opset 10). IR version 3: initializers are graph inputs too, and the pads
# initializer that the converter adds must become one.
nodes = [
    N("Gemm", ["a", "w", "c"], ["gemm"], broadcast=1, transB=1),
    N("Add", ["x", "bias"], ["biased"], broadcast=1),
    N("Mul", ["biased", "scale"], ["scaled"], broadcast=1, axis=1),
    N("Pad", ["scaled"], ["padded"], pads=[0, 0, 1, 0, 0, 0, 0, 2],
      mode="constant", value=0.5),
]
inits = [weights("w", [4, 3], 1), weights("c", [4], 2), weights("bias", [3], 3),
         weights("scale", [2], 6)]
m = model(nodes, [("a", FLOAT, [5, 3]), ("x", FLOAT, [1, 2, 3, 3]),
                  ("w", FLOAT, [4, 3]), ("c", FLOAT, [4]), ("bias", FLOAT, [3]),
                  ("scale", FLOAT, [2])],
          ["gemm", "padded"], inits, opset=6, infer=False)
m.graph.output[0].CopyFrom(helper.make_tensor_value_info("gemm", FLOAT, [5, 4]))
m.graph.output[1].CopyFrom(
    helper.make_tensor_value_info("padded", FLOAT, [1, 2, 4, 5]))
m.ir_version = 3
save(m, d, "opset6")

nodes = [N("Upsample", ["x"], ["up"], mode="nearest", scales=[1.0, 1.0, 2.0, 3.0])]
save(model(nodes, [("x", FLOAT, [1, 2, 3, 3])],
           [("up", FLOAT, [1, 2, 6, 9])], opset=7, infer=False), d, "opset7-upsample")

# Opset 6 PRelu with a slope of C values: per channel (dimension 1) then,
# [C, 1, 1] after conversion; a slope of one value stays as it is.
nodes = [N("PRelu", ["x", "slope"], ["y"]), N("PRelu", ["x", "slope1"], ["z"])]
m = model(nodes, [("x", FLOAT, [2, 3, 4, 5])],
          [("y", FLOAT, [2, 3, 4, 5]), ("z", FLOAT, [2, 3, 4, 5])],
          [weights("slope", [3], 4), weights("slope1", [1], 5)], opset=6,
          infer=False)
save(m, d, "opset6-prelu")
