"""Models for import.test: the model function, names, constants."""

import numpy as np
from onnx import TensorProto
from onnxgen import (FLOAT, INT64, helper, model, save, outdir, tensor, ints,
                     weights)

d = outdir()
N = helper.make_node

# Graph inputs and outputs become the function's arguments and results, named
# by kiln.name; an initializer listed as a graph input (IR version 3 style) is
# a weight. Outputs may be inputs or constants. Weights of every data type and
# storage: raw bytes, typed fields (float16 as int32 bit patterns), splats,
# short integer vectors.
w = weights("onnx::Conv_5", [2, 3, 1, 1])
f16 = TensorProto(name="half", data_type=TensorProto.FLOAT16, dims=[4])
f16.int32_data.extend(np.array([1, -2, 0.5, 8], np.float16).view(np.uint16)
                      .astype(np.int32).tolist())
nodes = [
    N("Conv", ["x", "onnx::Conv_5"], ["conv"], name="conv1"),
    N("Relu", ["conv"], ["relu"]),
    N("Add", ["i", "offsets"], ["shifted"], name="add_offsets"),
    N("Mul", ["x", "zeros"], ["zeroed"]),
    N("Cast", ["h"], ["h2"], to=TensorProto.FLOAT16),
    N("Mul", ["h2", "half"], ["halves"]),
    N("Add", ["d", "doubles"], ["dsum"]),
    N("Equal", ["b", "mask"], ["masked"]),
    N("Constant", [], ["const_out"], value=helper.make_tensor(
        "c", FLOAT, [2], [1.0, 2.0])),
]
m = model(nodes,
          [("x", FLOAT, [1, 3, 2, 2]), ("i", INT64, [3]), ("h", FLOAT, [4]),
           ("d", TensorProto.DOUBLE, [3]), ("b", TensorProto.BOOL, [2]),
           ("onnx::Conv_5", FLOAT, [2, 3, 1, 1])],
          ["relu", "shifted", "zeroed", "halves", "dsum", "masked",
           ("x", FLOAT, [1, 3, 2, 2]), "const_out"],
          [w, ints("offsets", [1, 2, 3]), tensor("zeros", np.zeros([3, 1, 1], np.float32)),
           f16, tensor("doubles", np.array([0.5, 0.25, 2.0])),
           tensor("mask", np.array([True, False]))],
          name="My Graph-1", opset=13)
save(m, d, "names")

# Symbolic and unknown dimensions fixed with --input-shape.
save(model([N("MatMul", ["a", "b"], ["y"])],
           [("a", FLOAT, ["batch", "seq", 8]), ("b", FLOAT, [8, None])],
           [("y", FLOAT, ["batch", "seq", None])], infer=False), d, "dynamic")
