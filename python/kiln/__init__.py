"""Kiln: run models compiled by kiln-compile from Python, numpy in and out.

    import kiln
    m = kiln.load("model.so", threads=None)   # None: one thread per online CPU
    m.inputs          # (TensorInfo(name='x', dtype=dtype('float32'), shape=(1, 3, 224, 224)),)
    y = m(x)          # or m(x=x); several outputs come back as a tuple

Inputs are made C-contiguous (np.ascontiguousarray) but never cast: an array
of the wrong dtype or shape raises kiln.Error with the runtime's message, e.g.
"input 'x': expected dtype f32, got f64". bf16 tensors are exchanged as
numpy uint16 arrays holding the raw bits.

The package is a ctypes layer over libkiln_runtime.so, looked up in
$KILN_RUNTIME_LIB, next to this package, then in <repo>/build/lib. One model
may be called from several Python threads at once (the GIL is released while
it runs).
"""

import ctypes
import os
import threading
from typing import NamedTuple, Tuple

import numpy as np

from . import _runtime

__all__ = ["Error", "Model", "TensorInfo", "load", "default_threads"]

#: KILN_STATUS_* codes used by the package itself.
_INVALID_ARGUMENT = 1
_LOAD_FAILED = 2
_DTYPE_MISMATCH = 8

#: kiln_dtype_code -> numpy dtype (native byte order, little-endian here).
_KILN_TO_NUMPY = {
    1: np.dtype(np.float32),
    2: np.dtype(np.float16),
    3: np.dtype(np.uint16),  # bf16, as raw bits
    4: np.dtype(np.float64),
    5: np.dtype(np.int8),
    6: np.dtype(np.int16),
    7: np.dtype(np.int32),
    8: np.dtype(np.int64),
    9: np.dtype(np.uint8),
    10: np.dtype(np.bool_),
}
_NUMPY_TO_KILN = {dtype: code for code, dtype in _KILN_TO_NUMPY.items()}


class Error(Exception):
    """A failed runtime call. `status` is the KILN_STATUS_* code, `message`
    the runtime's message (also the exception's text)."""

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class TensorInfo(NamedTuple):
    """One model input or output."""

    name: str
    dtype: np.dtype
    shape: Tuple[int, ...]


def _library():
    try:
        return _runtime.library()
    except OSError as e:
        raise Error(_LOAD_FAILED, str(e)) from None


def _decode(raw):
    return raw.decode("utf-8", errors="replace") if raw is not None else ""


def _check(lib, status):
    if status != 0:
        raise Error(status, _decode(lib.kiln_last_error()))


def default_threads():
    """The thread count models get by default: the number of online CPUs."""
    return int(_library().kiln_default_threads())


def _info(desc):
    d = desc.contents
    dtype = _KILN_TO_NUMPY.get(d.dtype)
    return TensorInfo(_decode(d.name), dtype, tuple(d.shape[i] for i in range(d.rank)))


class Model:
    """A loaded model; create it with kiln.load()."""

    def __init__(self, path, threads=None):
        lib = _library()
        if threads is None:
            threads = 0
        elif not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
            raise Error(_INVALID_ARGUMENT, f"threads must be a positive integer, got {threads!r}")
        options = _runtime.OpenOptions(ctypes.sizeof(_runtime.OpenOptions), threads)
        handle = ctypes.c_void_p()
        self._lib = lib
        self._handle = None
        self._lock = threading.Lock()
        _check(lib, lib.kiln_open(os.fsencode(path), ctypes.byref(options), ctypes.byref(handle)))
        self._handle = handle
        self.path = os.fspath(path)
        self.name = _decode(lib.kiln_model_name(handle))
        self.target = _decode(lib.kiln_model_target(handle))
        self.inputs = tuple(
            _info(lib.kiln_model_input(handle, i)) for i in range(lib.kiln_model_num_inputs(handle))
        )
        self.outputs = tuple(
            _info(lib.kiln_model_output(handle, i))
            for i in range(lib.kiln_model_num_outputs(handle))
        )
        self._input_index = {info.name: i for i, info in enumerate(self.inputs)}
        # Output shapes as C arrays, built once.
        self._output_shapes = [(ctypes.c_int64 * len(o.shape))(*o.shape) for o in self.outputs]

    # -- lifetime ----------------------------------------------------------

    def _live_handle(self):
        if self._handle is None:
            raise Error(_INVALID_ARGUMENT, f"model '{self.name}' is closed")
        return self._handle

    def close(self):
        """Unloads the model. Calls still running in other threads must have
        returned; later calls raise kiln.Error."""
        with self._lock:
            handle, self._handle = self._handle, None
        if handle is not None:
            self._lib.kiln_close(handle)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_handle", None) is not None:
            try:
                self.close()
            except Exception:
                pass

    def __repr__(self):
        inputs = ", ".join(f"{i.name}: {i.dtype}{list(i.shape)}" for i in self.inputs)
        outputs = ", ".join(f"{o.name}: {o.dtype}{list(o.shape)}" for o in self.outputs)
        return f"<kiln.Model '{self.name}' ({inputs}) -> ({outputs})>"

    # -- threads -----------------------------------------------------------

    @property
    def threads(self):
        """Size of the model's thread pool; assignable (None: the default)."""
        return int(self._lib.kiln_get_threads(self._live_handle()))

    @threads.setter
    def threads(self, value):
        if value is None:
            value = 0
        elif not isinstance(value, int) or isinstance(value, bool) or value < 1:
            raise Error(_INVALID_ARGUMENT, f"threads must be a positive integer, got {value!r}")
        _check(self._lib, self._lib.kiln_set_threads(self._live_handle(), value))

    # -- running -----------------------------------------------------------

    def _arrange(self, args, kwargs):
        """Orders positional and keyword inputs as the model declares them."""
        count = len(self.inputs)
        if len(args) > count:
            raise Error(
                _INVALID_ARGUMENT,
                f"model '{self.name}' takes {count} input{'s' * (count != 1)}, got {len(args)}",
            )
        values = list(args) + [None] * (count - len(args))
        given = [True] * len(args) + [False] * (count - len(args))
        for name, value in kwargs.items():
            index = self._input_index.get(name)
            if index is None:
                names = ", ".join(i.name for i in self.inputs) or "none"
                raise Error(
                    _INVALID_ARGUMENT,
                    f"unknown input '{name}'; model '{self.name}' has inputs: {names}",
                )
            if given[index]:
                raise Error(_INVALID_ARGUMENT, f"input '{name}' is given twice")
            values[index], given[index] = value, True
        missing = [self.inputs[i].name for i in range(count) if not given[i]]
        if missing:
            raise Error(_INVALID_ARGUMENT, f"missing input '{missing[0]}'")
        return values

    def __call__(self, *args, **kwargs):
        """Runs the model. Inputs by position and/or by name; returns the
        output array, or a tuple of them when the model has several."""
        handle = self._live_handle()
        values = self._arrange(args, kwargs)
        arrays, keep = [], []
        tensors = (_runtime.Tensor * max(len(values), 1))()
        for i, value in enumerate(values):
            array = np.asarray(value)
            if not (array.flags.c_contiguous and array.flags.aligned):
                array = np.ascontiguousarray(array)
            code = _NUMPY_TO_KILN.get(array.dtype)
            if code is None:
                raise Error(
                    _DTYPE_MISMATCH,
                    f"input '{self.inputs[i].name}': numpy dtype {array.dtype.str} has no "
                    f"kiln equivalent (expected {self.inputs[i].dtype.str})",
                )
            shape = (ctypes.c_int64 * array.ndim)(*array.shape)
            arrays.append(array)
            keep.append(shape)
            tensors[i] = _runtime.Tensor(array.ctypes.data, code, array.ndim, shape)

        results = [np.empty(o.shape, o.dtype) for o in self.outputs]
        out = (_runtime.Tensor * len(results))()
        for i, (result, info) in enumerate(zip(results, self.outputs)):
            out[i] = _runtime.Tensor(
                result.ctypes.data,
                _NUMPY_TO_KILN[info.dtype],
                len(info.shape),
                self._output_shapes[i],
            )
        status = self._lib.kiln_run(handle, tensors, len(values), out, len(results))
        _check(self._lib, status)
        return results[0] if len(results) == 1 else tuple(results)


def load(path, threads=None):
    """Loads the model shared object at `path` with a pool of `threads`
    threads (None: one per online CPU). Raises kiln.Error on failure."""
    return Model(path, threads)
