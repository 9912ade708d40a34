"""Helpers that build small ONNX models for the importer tests.

The tests generate their models at test time with /usr/bin/python3 (Debian's
python3-onnx), so no binary .onnx files are committed. Each generator script
imports this module and writes models into the directory given on its command
line:

    model = onnxgen.model([helper.make_node("Relu", ["x"], ["y"])],
                          inputs=[("x", FLOAT, [1, 3])], outputs=["y"])
    onnxgen.save(model, outdir, "relu")
"""

import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

FLOAT = TensorProto.FLOAT
INT64 = TensorProto.INT64
BOOL = TensorProto.BOOL

# Models declare IR version 8 (ONNX 1.12, opsets up to 17).
IR_VERSION = 8


def tensor(name, array):
    """An initializer (or Constant value) holding numpy `array` as raw data."""
    return numpy_helper.from_array(np.asarray(array), name)


def weights(name, shape, seed=0, dtype=np.float32):
    """A deterministic random float initializer."""
    rng = np.random.default_rng(seed)
    return tensor(name, rng.standard_normal(shape).astype(dtype))


def ints(name, values):
    """An int64 initializer (shapes, axes, pads)."""
    return tensor(name, np.asarray(values, dtype=np.int64))


def floats(name, values):
    """A float32 initializer (scales, bounds)."""
    return tensor(name, np.asarray(values, dtype=np.float32))


def model(nodes, inputs, outputs, initializers=(), opset=13, name="test",
          infer=True):
    """A model of one graph.

    inputs: (name, elem_type, shape) tuples; a shape entry may be a string
    (a symbolic dimension) or None (unknown).
    outputs: names, or (name, elem_type, shape) tuples. Output types given by
    name only are filled in by ONNX shape inference (infer=True), as an
    exporter would write them.
    """
    graph_inputs = [helper.make_tensor_value_info(n, t, s) for n, t, s in inputs]
    graph_outputs = []
    for output in outputs:
        if isinstance(output, str):
            graph_outputs.append(helper.make_empty_tensor_value_info(output))
        else:
            graph_outputs.append(helper.make_tensor_value_info(*output))
    graph = helper.make_graph(list(nodes), name, graph_inputs, graph_outputs,
                              initializer=list(initializers))
    result = helper.make_model(
        graph, opset_imports=[helper.make_opsetid("", opset)],
        producer_name="kiln-tests")
    result.ir_version = IR_VERSION
    if infer:
        inferred = onnx.shape_inference.infer_shapes(result)
        # Keep the inferred output types (exporters write them), not the
        # value_info of intermediate values.
        del result.graph.output[:]
        result.graph.output.extend(inferred.graph.output)
    return result


def save(m, outdir, name, check=True):
    """Writes `m` to OUTDIR/NAME.onnx, checking it first (unless check=False)."""
    if check:
        onnx.checker.check_model(m)
    onnx.save(m, os.path.join(outdir, name + ".onnx"))


def outdir():
    """The output directory given on the command line (created if needed)."""
    path = sys.argv[1]
    os.makedirs(path, exist_ok=True)
    return path
