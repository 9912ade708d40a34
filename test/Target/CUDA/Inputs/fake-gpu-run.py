"""Calls the entry of a --target=cuda model on the host with a fake GPU
service table that records the launches instead of running them (no GPU
needed): checks the host half of the model, the launch ABI of kiln_abi.h.

Inputs, outputs and the arena are host buffers standing in for device
memory; every kernel parameter (the PTX image gives their number per
kernel) must point into one of them. Prints one line per launch, with each
pointer parameter as `in<i>+off`, `out<i>+off` or `arena+off`.

usage: fake-gpu-run.py MODEL.so [--fail-at N] [--no-gpu]
  --fail-at N  the N-th launch (from 1) returns 7: the entry must return 7
               at once
  --no-gpu     ctx->gpu is NULL: the entry must return -1 without launching
"""
import ctypes
import importlib.util
import os
import re
import sys

spec = importlib.util.spec_from_file_location(
    "check", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                          "check-cuda-model.py"))

LAUNCH = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_uint32,
                          ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32,
                          ctypes.c_uint32, ctypes.c_uint32, ctypes.c_uint32,
                          ctypes.c_uint32, ctypes.POINTER(ctypes.c_void_p))
ALLOC = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_uint64,
                         ctypes.POINTER(ctypes.c_void_p))
FREE = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.c_void_p, ctypes.c_void_p)


class GpuApi(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32), ("sm", ctypes.c_uint32),
                ("launch", LAUNCH), ("alloc", ALLOC), ("free", FREE)]


class ExecCtx(ctypes.Structure):
    _fields_ = [("struct_size", ctypes.c_uint32),
                ("num_threads", ctypes.c_uint32),
                ("parallel_for", ctypes.c_void_p),
                ("runtime_data", ctypes.c_void_p),
                ("gpu", ctypes.POINTER(GpuApi))]


def main():
    args = sys.argv[1:]
    path = args[0]
    fail_at = int(args[args.index("--fail-at") + 1]) \
        if "--fail-at" in args else None
    no_gpu = "--no-gpu" in args

    # The descriptor layout from check-cuda-model.py, loaded as a module
    # without running its main.
    source = open(spec.origin).read().replace("\nmain()\n", "\n")
    check = {}
    exec(compile(source, spec.origin, "exec"), check)
    lib = ctypes.CDLL(os.path.abspath(path))
    query = lib.kiln_query_model
    query.restype = ctypes.POINTER(check["ModelDesc"])
    query.argtypes = [ctypes.c_uint32]
    desc = query(1).contents

    # Number of parameters of each kernel, from the PTX image.
    ptx = None
    for i in range(desc.num_gpu_images):
        image = desc.gpu_images[i]
        if image.format == 2:
            ptx = ctypes.string_at(image.data, image.size)[:-1].decode()
    params = {}
    for name, body in re.findall(r"\.entry (\w+)\(([^)]*)\)", ptx):
        params[name] = body.count(".param")
    names = [desc.gpu_kernel_names[i].decode()
             for i in range(desc.num_gpu_kernels)]

    def buffers(tensors, count, prefix):
        result = []
        for i in range(count):
            t = tensors[i]
            size = check_size(t)
            result.append((prefix + str(i), ctypes.create_string_buffer(
                max(size, 1))))
        return result

    def check_size(t):
        elements = 1
        for d in range(t.rank):
            elements *= t.shape[d]
        return elements * {1: 4, 2: 2, 3: 2, 4: 8, 5: 1, 6: 2, 7: 4, 8: 8,
                           9: 1, 10: 1}[t.dtype]

    inputs = buffers(desc.inputs, desc.num_inputs, "in")
    outputs = buffers(desc.outputs, desc.num_outputs, "out")
    arena = ctypes.create_string_buffer(max(desc.arena_size, 1))
    regions = [(name, ctypes.addressof(buf), len(buf))
               for name, buf in inputs + outputs]
    regions.append(("arena", ctypes.addressof(arena), desc.arena_size))

    def describe(pointer):
        for name, base, size in regions:
            if base <= pointer < base + size or (size == 0 and
                                                 pointer == base):
                return "%s+%d" % (name, pointer - base)
        raise AssertionError("parameter %#x points into no buffer" % pointer)

    launches = []

    def launch(ctx, kernel, gx, gy, gz, bx, by, bz, shared, argv):
        assert kernel < len(names), kernel
        assert bx * by * bz <= 1024 and gx >= 1 and gy >= 1 and gz >= 1
        values = []
        for p in range(params[names[kernel]]):
            slot = ctypes.cast(argv[p], ctypes.POINTER(ctypes.c_uint64))
            values.append(describe(slot[0]))
        launches.append(kernel)
        print("launch %s grid %d,%d,%d block %d,%d,%d shared %d args %s" %
              (names[kernel], gx, gy, gz, bx, by, bz, shared,
               " ".join(values)))
        return 7 if fail_at == len(launches) else 0

    def alloc(ctx, size, out):
        raise AssertionError("the model allocated device memory")

    def free(ctx, ptr):
        raise AssertionError("the model freed device memory")

    keep = [LAUNCH(launch), ALLOC(alloc), FREE(free)]
    api = GpuApi(ctypes.sizeof(GpuApi), desc.gpu_images[0].sm, *keep)
    ctx = ExecCtx(ctypes.sizeof(ExecCtx), 1, None, None,
                  None if no_gpu else ctypes.pointer(api))
    entry = ctypes.CFUNCTYPE(ctypes.c_int32, ctypes.POINTER(ExecCtx),
                             ctypes.POINTER(ctypes.c_void_p),
                             ctypes.POINTER(ctypes.c_void_p),
                             ctypes.c_void_p)(desc.entry)
    in_ptrs = (ctypes.c_void_p * max(len(inputs), 1))(
        *[ctypes.addressof(b) for _, b in inputs])
    out_ptrs = (ctypes.c_void_p * len(outputs))(
        *[ctypes.addressof(b) for _, b in outputs])
    status = entry(ctypes.byref(ctx), in_ptrs, out_ptrs,
                   ctypes.addressof(arena) if desc.arena_size else None)
    print("status", status, "launches", len(launches),
          "in order" if launches == sorted(launches) else "out of order")


main()
