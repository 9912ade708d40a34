"""Kiln: run models compiled by kiln-compile from Python, numpy in and out.

    import kiln
    m = kiln.load("model.so", threads=None)   # None: one thread per online CPU
    m.inputs          # (TensorInfo(name='x', dtype=dtype('float32'), shape=(1, 3, 224, 224)),)
    y = m(x)          # or m(x=x); several outputs come back as a tuple
    m.run_into(y, x)  # the same into an existing array (no allocation per call)

A model compiled with --target=cuda runs on the GPU the same way (numpy in,
numpy out; the runtime copies to and from the device): kiln.load(path) picks
the model's target, device="cuda:1" picks a GPU. To keep data on the device,
m.to_device(x) gives a kiln.DeviceArray and m.run_device(...) runs on device
buffers (DeviceArrays, CUDA torch tensors, or objects with
__cuda_array_interface__ such as CuPy arrays).

Where a CPU model's time goes: m.profiling = True, run it, then m.profile()
gives the runs and each kernel's wall time (kiln.KernelTime, in the order
the kernels run; see docs/Runtime.md).

Outputs are new arrays aligned to 64 bytes (a cache line). Inputs are read in
place; numpy aligns large arrays to 16 bytes only, and a first layer that
loads rows of 32 or 64 bytes from its input reads them faster from an array
made by kiln.empty(shape, dtype), which is aligned as the outputs are.

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
import weakref
from typing import NamedTuple, Tuple

import numpy as np

from . import _runtime

__all__ = [
    "DeviceArray",
    "Error",
    "KernelTime",
    "Model",
    "TensorInfo",
    "load",
    "default_threads",
    "empty",
]

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
#: torch dtype names -> kiln_dtype_code (bf16 has its own code here).
_TORCH_TO_KILN = {
    "torch.float32": 1,
    "torch.float16": 2,
    "torch.bfloat16": 3,
    "torch.float64": 4,
    "torch.int8": 5,
    "torch.int16": 6,
    "torch.int32": 7,
    "torch.int64": 8,
    "torch.uint8": 9,
    "torch.bool": 10,
}


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


class KernelTime(NamedTuple):
    """One kernel of a profiled CPU model, summed over the profiled runs."""

    #: The symbol of the kernel's thread task, main_tiles_<op>_<shape
    #: written>[_N]; "(serial)" for the rest of the runs' wall time (ops too
    #: small to split, run on the calling thread between kernels).
    name: str
    #: Calls over the profiled runs (the runs for "(serial)").
    calls: int
    #: Thread tiles per call (0 for "(serial)").
    tiles: int
    #: Wall time summed over the calls, in seconds.
    seconds: float
    #: The fastest call (for "(serial)", the least serial time of a run).
    min_seconds: float


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


def empty(shape, dtype=np.float32):
    """An uninitialized C-contiguous numpy array whose data is aligned to 64
    bytes (numpy aligns to 16), as the model's outputs are."""
    dtype = np.dtype(dtype)
    shape = (int(shape),) if np.ndim(shape) == 0 else tuple(int(d) for d in shape)
    nbytes = int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    raw = np.empty(nbytes + 64, np.uint8)
    offset = -raw.ctypes.data % 64
    return raw[offset:offset + nbytes].view(dtype).reshape(shape)


def _info(desc):
    d = desc.contents
    dtype = _KILN_TO_NUMPY.get(d.dtype)
    return TensorInfo(_decode(d.name), dtype, tuple(d.shape[i] for i in range(d.rank)))


def _parse_device(device):
    """None, "cpu", "cuda" or "cuda:N" -> (kiln_device_kind, index)."""
    if device is None:
        return _runtime.DEVICE_DEFAULT, 0
    if device == "cpu":
        return _runtime.DEVICE_CPU, 0
    if device == "cuda":
        return _runtime.DEVICE_CUDA, 0
    if isinstance(device, str) and device.startswith("cuda:") and device[5:].isdigit():
        return _runtime.DEVICE_CUDA, int(device[5:])
    raise Error(_INVALID_ARGUMENT, f"device must be 'cpu', 'cuda' or 'cuda:N', got {device!r}")


class DeviceArray:
    """A dense C-ordered array in the device memory of a cuda model's GPU,
    made by Model.to_device() or Model.empty_device(), freed by free(), by
    the model's close() or when garbage collected. It exposes
    __cuda_array_interface__, so CuPy (and torch.as_tensor) can view it."""

    def __init__(self, model, shape, dtype):
        self._model = model
        self.shape = tuple(int(d) for d in shape)
        self.dtype = np.dtype(dtype)
        if self.dtype not in _NUMPY_TO_KILN:
            raise Error(_DTYPE_MISMATCH, f"numpy dtype {self.dtype.str} has no kiln equivalent")
        self.nbytes = int(np.prod(self.shape, dtype=np.int64)) * self.dtype.itemsize
        address = ctypes.c_uint64()
        lib = model._lib
        _check(lib, lib.kiln_device_alloc(model._live_handle(), self.nbytes, ctypes.byref(address)))
        self.address = address.value
        model._device_arrays.add(self)

    def copy_from(self, array):
        """Copies a numpy array of this shape and dtype to the device."""
        array = np.ascontiguousarray(array)
        if array.dtype != self.dtype or array.shape != self.shape:
            raise Error(
                _INVALID_ARGUMENT,
                f"cannot copy a {array.dtype.str} array of shape {array.shape} into a "
                f"{self.dtype.str} device array of shape {self.shape}",
            )
        lib = self._model._lib
        _check(
            lib,
            lib.kiln_device_upload(
                self._live(), self.address, array.ctypes.data, self.nbytes
            ),
        )
        return self

    def numpy(self):
        """Copies the array to a new numpy array."""
        result = np.empty(self.shape, self.dtype)
        lib = self._model._lib
        _check(
            lib,
            lib.kiln_device_download(self._live(), result.ctypes.data, self.address, self.nbytes),
        )
        return result

    def _live(self):
        if self.address is None:
            raise Error(_INVALID_ARGUMENT, "device array was freed")
        return self._model._live_handle()

    def free(self):
        """Frees the device memory (later uses raise kiln.Error)."""
        address, self.address = self.address, None
        if address is not None and self._model._handle is not None:
            self._model._device_arrays.discard(self)
            self._model._lib.kiln_device_free(self._model._handle, address)

    def __del__(self):
        try:
            self.free()
        except Exception:
            pass

    @property
    def __cuda_array_interface__(self):
        return {
            "shape": self.shape,
            "typestr": self.dtype.str,
            "data": (self.address or 0, False),
            "version": 3,
            "strides": None,
        }

    def __repr__(self):
        return f"<kiln.DeviceArray {self.dtype}{list(self.shape)} at 0x{self.address or 0:x}>"


def _device_tensor(value, what):
    """A kiln_device_tensor_t for a DeviceArray, a CUDA torch tensor or an
    object with __cuda_array_interface__, plus the ctypes shape to keep."""
    if isinstance(value, DeviceArray):
        address, code, shape = value.address, _NUMPY_TO_KILN[value.dtype], value.shape
        if address is None:
            raise Error(_INVALID_ARGUMENT, f"{what}: device array was freed")
    elif hasattr(value, "data_ptr") and hasattr(value, "is_cuda"):  # torch.Tensor
        if not value.is_cuda or not value.is_contiguous():
            raise Error(_INVALID_ARGUMENT, f"{what}: expected a contiguous CUDA tensor")
        code = _TORCH_TO_KILN.get(str(value.dtype))
        if code is None:
            raise Error(_DTYPE_MISMATCH, f"{what}: torch dtype {value.dtype} has no kiln equivalent")
        address, shape = value.data_ptr(), tuple(value.shape)
    elif hasattr(value, "__cuda_array_interface__"):
        interface = value.__cuda_array_interface__
        dtype = np.dtype(interface["typestr"])
        shape = tuple(interface["shape"])
        strides = interface.get("strides")
        if strides is not None and tuple(strides) != tuple(np.empty(shape, dtype).strides):
            raise Error(_INVALID_ARGUMENT, f"{what}: expected a C-contiguous array")
        code = _NUMPY_TO_KILN.get(dtype)
        if code is None:
            raise Error(_DTYPE_MISMATCH, f"{what}: dtype {dtype.str} has no kiln equivalent")
        address = interface["data"][0]
    else:
        raise Error(
            _INVALID_ARGUMENT,
            f"{what}: expected a kiln.DeviceArray, a CUDA torch tensor or an object with "
            f"__cuda_array_interface__, got {type(value).__name__}",
        )
    c_shape = (ctypes.c_int64 * max(len(shape), 1))(*shape)
    return _runtime.DeviceTensor(address, code, len(shape), c_shape), c_shape


class Model:
    """A loaded model; create it with kiln.load()."""

    def __init__(self, path, threads=None, device=None):
        lib = _library()
        if threads is None:
            threads = 0
        elif not isinstance(threads, int) or isinstance(threads, bool) or threads < 1:
            raise Error(_INVALID_ARGUMENT, f"threads must be a positive integer, got {threads!r}")
        kind, index = _parse_device(device)
        self._device_arrays = weakref.WeakSet()
        options = _runtime.OpenOptions(
            ctypes.sizeof(_runtime.OpenOptions), threads, kind, index
        )
        handle = ctypes.c_void_p()
        self._lib = lib
        self._handle = None
        self._profiling = False
        self._lock = threading.Lock()
        _check(lib, lib.kiln_open(os.fsencode(path), ctypes.byref(options), ctypes.byref(handle)))
        self._handle = handle
        self.path = os.fspath(path)
        self.name = _decode(lib.kiln_model_name(handle))
        self.target = _decode(lib.kiln_model_target(handle))
        #: "cpu" or "cuda:N".
        self.device = _decode(lib.kiln_model_device(handle))
        #: e.g. "cuda:0 (NVIDIA H100 80GB HBM3, sm_90), cubin image for sm_90".
        self.device_description = _decode(lib.kiln_model_device_description(handle))
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
            for array in list(self._device_arrays):
                array.free()
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

    # -- profiling ---------------------------------------------------------

    @property
    def profiling(self):
        """Whether each kernel of each run is timed (CPU models); assigning
        True starts over, False stops and drops what was recorded."""
        return self._profiling

    @profiling.setter
    def profiling(self, value):
        _check(self._lib, self._lib.kiln_set_profiling(self._live_handle(), 1 if value else 0))
        self._profiling = bool(value)

    def profile(self):
        """(runs, [KernelTime, ...]): what was recorded since profiling was
        turned on, the kernels in the order they first ran and "(serial)"
        last. Divide seconds by runs for the time per run."""
        entries = ctypes.POINTER(_runtime.ProfileEntry)()
        count = ctypes.c_size_t()
        runs = ctypes.c_uint64()
        _check(
            self._lib,
            self._lib.kiln_get_profile(
                self._live_handle(), ctypes.byref(entries), ctypes.byref(count), ctypes.byref(runs)
            ),
        )
        kernels = [
            KernelTime(
                _decode(e.name), int(e.calls), int(e.tiles), float(e.seconds), float(e.min_seconds)
            )
            for e in (entries[i] for i in range(count.value))
        ]
        return int(runs.value), kernels

    # -- running -----------------------------------------------------------

    def _count_error(self, verb, noun, count, got):
        """kiln.Error "model 'm' takes 2 inputs, got 3" (verb "takes" or
        "has", noun "input" or "output")."""
        return Error(
            _INVALID_ARGUMENT,
            f"model '{self.name}' {verb} {count} {noun}{'s' * (count != 1)}, got {got}",
        )

    def _arrange(self, args, kwargs):
        """Orders positional and keyword inputs as the model declares them."""
        count = len(self.inputs)
        if len(args) > count:
            raise self._count_error("takes", "input", count, len(args))
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
        results = [empty(o.shape, o.dtype) for o in self.outputs]
        self._run(self._arrange(args, kwargs), results, self._output_shapes)
        return results[0] if len(results) == 1 else tuple(results)

    def run_into(self, outputs, *args, **kwargs):
        """Runs the model into caller-owned output arrays: `outputs` is one
        numpy array (a model with one output) or a sequence of them, in the
        model's output order, each C-contiguous, writeable and of the
        output's dtype and shape (kiln.empty(shape, dtype) makes them aligned
        to 64 bytes). Inputs as for calling the model. Reusing the arrays
        saves the allocation (and the first-touch page faults) of new ones
        at every call."""
        arrays = [outputs] if isinstance(outputs, np.ndarray) else list(outputs)
        if len(arrays) != len(self.outputs):
            raise self._count_error("has", "output", len(self.outputs), len(arrays))
        shapes = []
        for array, info in zip(arrays, self.outputs):
            if not isinstance(array, np.ndarray):
                raise Error(
                    _INVALID_ARGUMENT,
                    f"output '{info.name}': expected a numpy array, got {type(array).__name__}",
                )
            if not (array.flags.c_contiguous and array.flags.aligned and array.flags.writeable):
                raise Error(
                    _INVALID_ARGUMENT,
                    f"output '{info.name}': the array must be C-contiguous, aligned and writeable",
                )
            shapes.append((ctypes.c_int64 * array.ndim)(*array.shape))
        self._run(self._arrange(args, kwargs), arrays, shapes)

    def _run(self, values, results, shapes):
        """kiln_run of `values` (inputs in model order) into `results`
        (numpy arrays) of `shapes` (C arrays); the runtime checks dtypes and
        shapes."""
        handle = self._live_handle()
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

        out = (_runtime.Tensor * len(results))()
        for i, (result, info) in enumerate(zip(results, self.outputs)):
            code = _NUMPY_TO_KILN.get(result.dtype)
            if code is None:
                raise Error(
                    _DTYPE_MISMATCH,
                    f"output '{info.name}': numpy dtype {result.dtype.str} has no "
                    f"kiln equivalent (expected {info.dtype.str})",
                )
            out[i] = _runtime.Tensor(result.ctypes.data, code, result.ndim, shapes[i])
        status = self._lib.kiln_run(handle, tensors, len(values), out, len(results))
        _check(self._lib, status)

    # -- device buffers (cuda models) -----------------------------------------

    def empty_device(self, shape, dtype):
        """An uninitialized kiln.DeviceArray on the model's GPU."""
        return DeviceArray(self, shape, dtype)

    def to_device(self, array):
        """Copies a numpy array to a new kiln.DeviceArray."""
        array = np.ascontiguousarray(array)
        return DeviceArray(self, array.shape, array.dtype).copy_from(array)

    def run_device(self, *inputs, outputs=None, stream=None):
        """Runs a cuda model on device buffers (inputs by position, in the
        model's order): kiln.DeviceArrays, CUDA torch tensors (bf16 too), or
        objects with __cuda_array_interface__. `outputs` lists buffers to
        write; when None, new DeviceArrays are made and returned (a tuple
        when the model has several outputs). `stream` is a CUstream handle
        (an int, or an object with a `cuda_stream` attribute such as a
        torch.cuda.Stream) of the model's device; the work is queued after
        what that stream already holds and the call returns when it is done.
        None uses a stream of the runtime's own."""
        handle = self._live_handle()
        if len(inputs) != len(self.inputs):
            raise self._count_error("takes", "input", len(self.inputs), len(inputs))
        made = outputs is None
        if made:
            outputs = [self.empty_device(o.shape, o.dtype) for o in self.outputs]
        elif len(outputs) != len(self.outputs):
            raise self._count_error("has", "output", len(self.outputs), len(outputs))
        keep = []
        c_inputs = (_runtime.DeviceTensor * max(len(inputs), 1))()
        for i, value in enumerate(inputs):
            c_inputs[i], shape = _device_tensor(value, f"input '{self.inputs[i].name}'")
            keep.append(shape)
        c_outputs = (_runtime.DeviceTensor * len(outputs))()
        for i, value in enumerate(outputs):
            c_outputs[i], shape = _device_tensor(value, f"output '{self.outputs[i].name}'")
            keep.append(shape)
        if stream is None:
            stream = 0
        elif hasattr(stream, "cuda_stream"):
            stream = stream.cuda_stream
        status = self._lib.kiln_run_device(
            handle, c_inputs, len(inputs), c_outputs, len(outputs), int(stream)
        )
        _check(self._lib, status)
        if made:
            return outputs[0] if len(outputs) == 1 else tuple(outputs)
        return None


def load(path, threads=None, device=None):
    """Loads the model shared object at `path` with a pool of `threads`
    threads (None: one per online CPU for a cpu model, 1 for a cuda model)
    on `device`: None for the model's target, "cpu", "cuda" or "cuda:N" (a
    model runs only on the target it was compiled for). Raises kiln.Error on
    failure, e.g. when a cuda model finds no CUDA driver or GPU."""
    return Model(path, threads, device)
