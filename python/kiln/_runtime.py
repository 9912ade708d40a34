"""ctypes bindings of the Kiln runtime C API (kiln_runtime.h).

Private to the kiln package: finds libkiln_runtime.so, declares the argument
and result types of every function the package calls, and mirrors the C
structs it passes.
"""

import ctypes
import os

#: The KILN_ABI_VERSION this package speaks.
ABI_VERSION = 1

LIBRARY_NAME = "libkiln_runtime.so"


class TensorDesc(ctypes.Structure):
    """kiln_tensor_desc_t: a model input or output."""

    _fields_ = [
        ("name", ctypes.c_char_p),
        ("dtype", ctypes.c_uint32),
        ("rank", ctypes.c_uint32),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
    ]


class Tensor(ctypes.Structure):
    """kiln_tensor_t: a caller buffer."""

    _fields_ = [
        ("data", ctypes.c_void_p),
        ("dtype", ctypes.c_uint32),
        ("rank", ctypes.c_uint32),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
    ]


class OpenOptions(ctypes.Structure):
    """kiln_open_options_t."""

    _fields_ = [
        ("struct_size", ctypes.c_uint32),
        ("num_threads", ctypes.c_uint32),
        ("device", ctypes.c_uint32),
        ("device_index", ctypes.c_uint32),
    ]


#: kiln_device_kind values.
DEVICE_DEFAULT, DEVICE_CPU, DEVICE_CUDA = 0, 1, 2


class DeviceTensor(ctypes.Structure):
    """kiln_device_tensor_t: a caller buffer in device memory."""

    _fields_ = [
        ("address", ctypes.c_uint64),
        ("dtype", ctypes.c_uint32),
        ("rank", ctypes.c_uint32),
        ("shape", ctypes.POINTER(ctypes.c_int64)),
    ]


class ProfileEntry(ctypes.Structure):
    _fields_ = [
        ("name", ctypes.c_char_p),
        ("calls", ctypes.c_uint64),
        ("tiles", ctypes.c_uint64),
        ("seconds", ctypes.c_double),
        ("min_seconds", ctypes.c_double),
    ]


def candidate_paths():
    """Where the runtime library is looked for, in order: $KILN_RUNTIME_LIB
    (the library itself, or a directory holding it), next to this package,
    and the build tree of a source checkout (<repo>/build/lib)."""
    paths = []
    env = os.environ.get("KILN_RUNTIME_LIB")
    if env:
        paths.append(os.path.join(env, LIBRARY_NAME) if os.path.isdir(env) else env)
        return paths
    package_dir = os.path.dirname(os.path.abspath(__file__))
    paths.append(os.path.join(package_dir, LIBRARY_NAME))
    repo = os.path.dirname(os.path.dirname(package_dir))
    paths.append(os.path.join(repo, "build", "lib", LIBRARY_NAME))
    return paths


def _declare(lib):
    c = ctypes
    model_p = c.c_void_p
    signatures = {
        "kiln_runtime_abi_version": (c.c_uint32, []),
        "kiln_status_string": (c.c_char_p, [c.c_int]),
        "kiln_last_error": (c.c_char_p, []),
        "kiln_default_threads": (c.c_uint32, []),
        "kiln_open": (c.c_int, [c.c_char_p, c.POINTER(OpenOptions), c.POINTER(model_p)]),
        "kiln_close": (None, [model_p]),
        "kiln_model_name": (c.c_char_p, [model_p]),
        "kiln_model_target": (c.c_char_p, [model_p]),
        "kiln_model_device": (c.c_char_p, [model_p]),
        "kiln_model_device_description": (c.c_char_p, [model_p]),
        "kiln_model_num_inputs": (c.c_uint32, [model_p]),
        "kiln_model_num_outputs": (c.c_uint32, [model_p]),
        "kiln_model_input": (c.POINTER(TensorDesc), [model_p, c.c_uint32]),
        "kiln_model_output": (c.POINTER(TensorDesc), [model_p, c.c_uint32]),
        "kiln_set_threads": (c.c_int, [model_p, c.c_uint32]),
        "kiln_get_threads": (c.c_uint32, [model_p]),
        "kiln_set_profiling": (c.c_int, [model_p, c.c_int]),
        "kiln_get_profile": (
            c.c_int,
            [
                model_p,
                c.POINTER(c.POINTER(ProfileEntry)),
                c.POINTER(c.c_size_t),
                c.POINTER(c.c_uint64),
            ],
        ),
        "kiln_run": (
            c.c_int,
            [model_p, c.POINTER(Tensor), c.c_size_t, c.POINTER(Tensor), c.c_size_t],
        ),
        "kiln_run_device": (
            c.c_int,
            [
                model_p,
                c.POINTER(DeviceTensor),
                c.c_size_t,
                c.POINTER(DeviceTensor),
                c.c_size_t,
                c.c_uint64,
            ],
        ),
        "kiln_device_alloc": (c.c_int, [model_p, c.c_uint64, c.POINTER(c.c_uint64)]),
        "kiln_device_free": (c.c_int, [model_p, c.c_uint64]),
        "kiln_device_upload": (c.c_int, [model_p, c.c_uint64, c.c_void_p, c.c_uint64]),
        "kiln_device_download": (c.c_int, [model_p, c.c_void_p, c.c_uint64, c.c_uint64]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes
    return lib


_lib = None


def library():
    """Loads the runtime library once; raises OSError naming every path tried
    when it cannot be found or loaded, or when its ABI version differs."""
    global _lib
    if _lib is not None:
        return _lib
    tried = []
    for path in candidate_paths():
        if not os.path.isfile(path):
            tried.append(f"{path} (missing)")
            continue
        try:
            lib = _declare(ctypes.CDLL(path))
        except (OSError, AttributeError) as e:
            tried.append(f"{path} ({e})")
            continue
        version = lib.kiln_runtime_abi_version()
        if version != ABI_VERSION:
            raise OSError(
                f"{path} implements Kiln ABI version {version}, this package "
                f"needs version {ABI_VERSION}"
            )
        _lib = lib
        return lib
    raise OSError(
        f"cannot find {LIBRARY_NAME}; set KILN_RUNTIME_LIB to its path "
        f"(tried: {'; '.join(tried)})"
    )
