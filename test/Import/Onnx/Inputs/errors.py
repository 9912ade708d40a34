"""Bad models for errors.test: each must give one error line and exit 1."""

import os

import numpy as np
import onnx
from onnx import TensorProto
from onnxgen import (FLOAT, INT64, helper, model, save, outdir, tensor, ints,
                     weights)

d = outdir()
N = helper.make_node

good = model([N("Relu", ["x"], ["y"], name="relu")], [("x", FLOAT, [1, 4])],
             ["y"], [weights("w", [256])])
save(good, d, "good")

# A truncated file and files that are not ONNX at all.
data = good.SerializeToString()
with open(os.path.join(d, "truncated.onnx"), "wb") as f:
    f.write(data[: len(data) // 2])
with open(os.path.join(d, "text.onnx"), "w") as f:
    f.write("this is not an ONNX model\n")
open(os.path.join(d, "empty.onnx"), "wb").close()

# Unsupported ops: a named node and an unnamed one, an op of another domain.
boxes = ("boxes", FLOAT, [1, 4, 4])
scores = ("scores", FLOAT, [1, 1, 4])
save(model([N("NonMaxSuppression", ["boxes", "scores"], ["sel"], name="nms_1")],
           [boxes, scores], ["sel"]), d, "unsupported-op")
save(model([N("Relu", ["x"], ["r"]), N("Softsign", ["r"], ["y"])],
           [("x", FLOAT, [1, 4])], ["y"]), d, "unsupported-unnamed")
custom = model([N("FusedGelu", ["x"], ["y"], name="gelu", domain="com.example")],
               [("x", FLOAT, [1, 4])], [("y", FLOAT, [1, 4])], infer=False)
custom.opset_import.append(helper.make_opsetid("com.example", 1))
save(custom, d, "unsupported-domain")

# Dynamic dimensions: symbolic, unknown, no shape at all.
save(model([N("Relu", ["x"], ["y"])], [("x", FLOAT, ["batch", 3])], ["y"]),
     d, "dynamic")
save(model([N("Relu", ["x"], ["y"])], [("x", FLOAT, [2, None])], ["y"]),
     d, "unknown-dim")

# Unsupported data types: a string input, a complex input, a uint8 weight.
save(model([N("Identity", ["s"], ["y"])], [("s", TensorProto.STRING, [2])],
           ["y"]), d, "string")
save(model([N("Identity", ["c"], ["y"])], [("c", TensorProto.COMPLEX64, [2])],
           ["y"]), d, "complex")
save(model([N("Cast", ["q"], ["y"], to=FLOAT)], [("x", FLOAT, [2])], ["y"],
           [tensor("q", np.array([1, 2], np.uint8))]), d, "uint8")
save(model([N("Cast", ["x"], ["y"], to=TensorProto.UINT16, name="to_u16")],
           [("x", FLOAT, [2])], ["y"]), d, "cast-uint16")

# The ONNX checker rejects an attribute Relu does not have.
save(model([N("Relu", ["x"], ["y"], name="bad_relu", alpha=0.5)],
           [("x", FLOAT, [1, 4])], [("y", FLOAT, [1, 4])], infer=False), d,
     "checker", check=False)

# A Conv whose weight is neither an input nor an initializer.
save(model([N("Conv", ["x", "W"], ["y"], name="conv")],
           [("x", FLOAT, [1, 3, 4, 4])], [("y", FLOAT, [1, 8, 2, 2])],
           infer=False), d, "missing-initializer", check=False)

# An opset newer than 17; an opset-1 Pad, which ONNX's version converter
# cannot bring to opset 11.
save(model([N("Relu", ["x"], ["y"])], [("x", FLOAT, [1, 4])],
           [("y", FLOAT, [1, 4])], opset=18, infer=False), d, "opset18",
     check=False)
save(model([N("Pad", ["x"], ["y"], paddings=[0, 1, 0, 1])],
           [("x", FLOAT, [2, 3])], [("y", FLOAT, [2, 5])], opset=1,
           infer=False), d, "opset1-pad", check=False)

# A Reshape whose shape is computed at run time from an input's values.
save(model([N("Reshape", ["x", "shape"], ["y"], name="reshape")],
           [("x", FLOAT, [2, 6]), ("shape", INT64, [2])],
           [("y", FLOAT, [None, None])], infer=False), d, "not-constant")

# Outputs that exist in training mode only.
save(model([N("MaxPool", ["x"], ["y", "idx"], name="pool", kernel_shape=[2, 2])],
           [("x", FLOAT, [1, 1, 4, 4])], ["y", "idx"]), d, "maxpool-indices")

# Training mode: Dropout with a ratio draws a random mask (ratio 0 is the
# identity, tensor.py); BatchNormalization computes batch statistics.
save(model([N("Dropout", ["x", "ratio", "training"], ["y"], name="drop")],
           [("x", FLOAT, [2, 3])], ["y"],
           [tensor("ratio", np.float32(0.25)), tensor("training", np.bool_(True))]), d, "dropout-training")
stats = [weights(n, [3], i) for i, n in enumerate(["s", "b", "m", "v"])]
save(model([N("BatchNormalization", ["x", "s", "b", "m", "v"], ["y", "rm", "rv"],
              name="bn", training_mode=1)],
           [("x", FLOAT, [2, 3, 4])], ["y", "rm", "rv"], stats, opset=15), d,
     "batchnorm-training")

# A 4-D convolution.
save(model([N("Conv", ["x", "w"], ["y"], name="conv4d")],
           [("x", FLOAT, [1, 2, 3, 3, 3, 3])], ["y"],
           [weights("w", [2, 2, 1, 1, 1, 1])]), d, "conv4d")

# A check of a kiln op that ONNX does not make: pads as large as the window.
save(model([N("AveragePool", ["x"], ["y"], name="pool", kernel_shape=[2, 2],
              pads=[2, 2, 2, 2])],
           [("x", FLOAT, [1, 1, 4, 4])], ["y"]), d, "kiln-check")

# Shapes that do not fit in memory or do not make sense, found only when the
# shape code is evaluated.
x = ("x", FLOAT, [1, 4, 6, 6])
save(model([N("Reshape", ["x", "s"], ["y"], name="reshape")], [x],
           [("y", FLOAT, [None, None, None])], [ints("s", [2**40, 2**40, 0])],
           infer=False), d, "huge-reshape")
save(model([N("ConstantOfShape", ["s"], ["y"], name="fill")], [],
           [("y", FLOAT, [None, None])], [ints("s", [2**33, 2**33])],
           infer=False), d, "huge-fill")
save(model([N("Pad", ["x", "p"], ["y"], name="crop")], [x], ["y"],
           [ints("p", [0, 0, -9, 0, 0, 0, 0, 0])]), d, "over-crop")

# Weights in an external file.
external = model([N("Add", ["x", "w"], ["y"])], [("x", FLOAT, [256])], ["y"],
                 [weights("w", [256])])
onnx.save_model(external, os.path.join(d, "external.onnx"),
                save_as_external_data=True, all_tensors_to_one_file=True,
                location="external.bin", size_threshold=0)

# Values the importer refuses in ops it composes or evaluates: a ScatterND
# index outside its dimension, negative Tile repeats, a Trilu diagonal known
# at run time only, an LRN window of 0 channels, InstanceNormalization of a
# matrix.
from onnxgen import floats  # noqa: E402

save(model([N("ConstantOfShape", ["shape"], ["zeros"],
              value=helper.make_tensor("v", TensorProto.FLOAT, [1], [0.0])),
            N("ScatterND", ["zeros", "index", "update"], ["mask"], name="scatter"),
            N("Add", ["x", "mask"], ["y"])],
           [("x", FLOAT, [4, 4])], ["y"],
           [ints("shape", [4, 4]), ints("index", [[5]]), floats("update", [[1.0] * 4])]),
     d, "scatter-index")
save(model([N("Tile", ["x", "repeats"], ["y"], name="tile")], [("x", FLOAT, [2, 3])],
           [("y", FLOAT, [2, 6])], [ints("repeats", [-1, 2])], infer=False),
     d, "tile-negative", check=False)
save(model([N("Trilu", ["x", "k"], ["y"], name="trilu")],
           [("x", FLOAT, [3, 3]), ("k", INT64, [])], ["y"], opset=14), d, "trilu-k")
save(model([N("LRN", ["x"], ["y"], name="lrn", size=0)], [("x", FLOAT, [1, 4, 2, 2])],
           [("y", FLOAT, [1, 4, 2, 2])], infer=False), d, "lrn-size", check=False)
save(model([N("InstanceNormalization", ["x", "s", "b"], ["y"], name="inorm")],
           [("x", FLOAT, [2, 3])], [("y", FLOAT, [2, 3])],
           [floats("s", [1.0, 1.0, 1.0]), floats("b", [0.0, 0.0, 0.0])], infer=False),
     d, "instancenorm-rank", check=False)
