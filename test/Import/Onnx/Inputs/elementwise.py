"""Models of the elementwise and activation ops (elementwise.test)."""

import numpy as np
from onnxgen import FLOAT, INT64, helper, model, save, outdir, tensor, ints, floats

d = outdir()
N = helper.make_node

# Arithmetic with broadcasting, variadic chains, comparisons, unary math and
# casts: a is [2, 3], b is [3].
nodes = [
    N("Add", ["a", "b"], ["add"]),
    N("Sub", ["a", "b"], ["sub"]),
    N("Mul", ["a", "b"], ["mul"]),
    N("Div", ["a", "b"], ["div"]),
    N("Pow", ["a", "b"], ["pow"]),
    N("Pow", ["a", "two"], ["pow_int"]),
    N("Max", ["a", "b", "a"], ["max3"]),
    N("Min", ["a", "b"], ["min"]),
    N("Max", ["a"], ["max1"]),
    N("Sum", ["a", "b", "a"], ["sum3"]),
    N("Mean", ["a", "b"], ["mean"]),
    N("Equal", ["a", "b"], ["eq"]),
    N("Where", ["eq", "a", "b"], ["where"]),
    N("Neg", ["a"], ["neg"]),
    N("Abs", ["a"], ["abs"]),
    N("Exp", ["a"], ["exp"]),
    N("Log", ["a"], ["log"]),
    N("Sqrt", ["a"], ["sqrt"]),
    N("Tanh", ["a"], ["tanh"]),
    N("Erf", ["a"], ["erf"]),
    N("Reciprocal", ["a"], ["recip"]),
    N("Cast", ["a"], ["cast"], to=7),
    N("Cast", ["a"], ["cast_same"], to=1),
    N("CastLike", ["i"], ["castlike"]),
]
nodes[-1].input.append("a")
outputs = ["add", "sub", "mul", "div", "pow", "pow_int", "max3", "min", "max1",
           "sum3", "mean", "where", "neg", "abs", "exp", "log", "sqrt", "tanh",
           "erf", "recip", "cast", "cast_same", "castlike"]
save(model(nodes, [("a", FLOAT, [2, 3]), ("b", FLOAT, [3]), ("i", INT64, [2, 3])],
           outputs, [ints("two", 2)], opset=15), d, "arith")

# Activations (HardSwish needs opset 14).
nodes = [
    N("Relu", ["x"], ["relu"]),
    N("Clip", ["x", "lo", "hi"], ["clip"]),
    N("Clip", ["x", "", "hi"], ["clip_max"]),
    N("Clip", ["x"], ["clip_none"]),
    N("LeakyRelu", ["x"], ["leaky"], alpha=0.1),
    N("LeakyRelu", ["x"], ["leaky_default"]),
    N("PRelu", ["x", "slope"], ["prelu"]),
    N("Elu", ["x"], ["elu"], alpha=0.5),
    N("Selu", ["x"], ["selu"]),
    N("Sigmoid", ["x"], ["sigmoid"]),
    N("HardSigmoid", ["x"], ["hsigmoid"], alpha=0.25),
    N("HardSwish", ["x"], ["hswish"]),
    N("Softplus", ["x"], ["softplus"]),
    N("Clip", ["i", "ilo", "ihi"], ["clip_int"]),
]
save(model(nodes, [("x", FLOAT, [1, 4, 2, 2]), ("i", INT64, [4])],
           [n.output[0] for n in nodes],
           [floats("lo", 0.0), floats("hi", 6.0), ints("ilo", -1), ints("ihi", 5),
            tensor("slope", np.full((4, 1, 1), 0.25, np.float32))], opset=14),
     d, "activations")
