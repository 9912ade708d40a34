"""numpy reference of test/Integration/CPU/roformer-decomposed-interleaved.mlir:
roformer-decomposed.py with the interleaved pairing."""
import importlib.util
import os

_spec = importlib.util.spec_from_file_location(
    "roformer_decomposed", os.path.join(os.path.dirname(os.path.abspath(__file__)), "roformer-decomposed.py"))
_base = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_base)
_base.INTERLEAVED = True

RTOL, ATOL = _base.RTOL, _base.ATOL
make_inputs = _base.make_inputs
reference = _base.reference
