"""Loads a --target=cuda model with ctypes (no GPU needed: nothing is run),
prints its descriptor's target, arena, images, kernel names and weights, and
checks that a cubin image is an ELF for the given architecture that defines
every kernel and weight global, and that a PTX image is NUL-terminated PTX
with an .entry per kernel and an uninitialized .global of each weight's size.

usage: check-cuda-model.py MODEL.so [--dump-cubin FILE]
"""

import ctypes
import os
import sys


class TensorDesc(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("dtype", ctypes.c_uint32),
                ("rank", ctypes.c_uint32),
                ("shape", ctypes.POINTER(ctypes.c_int64))]


class GpuImage(ctypes.Structure):
    _fields_ = [("format", ctypes.c_uint32), ("sm", ctypes.c_uint32),
                ("data", ctypes.c_void_p), ("size", ctypes.c_uint64)]


class GpuWeight(ctypes.Structure):
    _fields_ = [("name", ctypes.c_char_p), ("data", ctypes.c_void_p),
                ("size", ctypes.c_uint64)]


class ModelDesc(ctypes.Structure):
    _fields_ = [("abi_version", ctypes.c_uint32),
                ("struct_size", ctypes.c_uint32), ("name", ctypes.c_char_p),
                ("target", ctypes.c_char_p), ("num_inputs", ctypes.c_uint32),
                ("num_outputs", ctypes.c_uint32),
                ("inputs", ctypes.POINTER(TensorDesc)),
                ("outputs", ctypes.POINTER(TensorDesc)),
                ("arena_size", ctypes.c_uint64),
                ("arena_alignment", ctypes.c_uint64),
                ("entry", ctypes.c_void_p),
                ("num_gpu_images", ctypes.c_uint32),
                ("num_gpu_kernels", ctypes.c_uint32),
                ("gpu_images", ctypes.POINTER(GpuImage)),
                ("gpu_kernel_names", ctypes.POINTER(ctypes.c_char_p)),
                ("num_gpu_weights", ctypes.c_uint32),
                ("gpu_weights", ctypes.POINTER(GpuWeight))]


def elf_symbols(data):
    """Names in the symbol table of a 64-bit little-endian ELF."""
    import struct
    assert data[:4] == b"\x7fELF", "not an ELF file"
    assert data[4] == 2 and data[5] == 1, "not a 64-bit little-endian ELF"
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = []
    for i in range(shnum):
        base = shoff + i * shentsize
        (name, kind, flags, addr, offset, size, link, info, align,
         entsize) = struct.unpack_from("<IIQQQQIIQQ", data, base)
        sections.append((kind, offset, size, link, entsize))
    names = set()
    for kind, offset, size, link, entsize in sections:
        if kind != 2:  # SHT_SYMTAB
            continue
        _, stroff, _, _, _ = sections[link]
        for j in range(size // entsize):
            st_name, = struct.unpack_from("<I", data, offset + j * entsize)
            end = data.index(b"\0", stroff + st_name)
            names.add(data[stroff + st_name:end].decode())
    return names


def main():
    path = sys.argv[1]
    dump = sys.argv[3] if len(sys.argv) > 3 and sys.argv[2] == "--dump-cubin" \
        else None
    lib = ctypes.CDLL(os.path.abspath(path))
    query = lib.kiln_query_model
    query.restype = ctypes.POINTER(ModelDesc)
    query.argtypes = [ctypes.c_uint32]
    desc = query(1).contents
    assert desc.struct_size >= ctypes.sizeof(ModelDesc), desc.struct_size
    print("target", desc.target.decode())
    print("arena", desc.arena_size, "alignment", desc.arena_alignment)
    kernels = [desc.gpu_kernel_names[i].decode()
               for i in range(desc.num_gpu_kernels)]
    print("kernels", len(kernels))
    for name in kernels:
        print("kernel", name)
    weights = [(desc.gpu_weights[i].name.decode(), desc.gpu_weights[i].size)
               for i in range(desc.num_gpu_weights)]
    for i in range(desc.num_gpu_weights):
        assert desc.gpu_weights[i].data, "weight %d has no data" % i
    print("weights %d bytes %d" % (len(weights), sum(w[1] for w in weights)))
    for i in range(desc.num_gpu_images):
        image = desc.gpu_images[i]
        data = ctypes.string_at(image.data, image.size)
        if image.format == 1:
            symbols = elf_symbols(data)
            missing = [k for k in kernels if k not in symbols]
            assert not missing, "cubin lacks kernels %s" % missing
            missing = [w for w, _ in weights if w not in symbols]
            assert not missing, "cubin lacks weight globals %s" % missing
            # e_flags hold the SM version (low byte, CUDA >= 12.8 layout or
            # bits 0-7 of older ones): report it as the toolkit wrote it.
            print("image cubin sm_%d elf kernels-ok" % image.sm)
            if dump:
                open(dump, "wb").write(data)
        elif image.format == 2:
            assert data.endswith(b"\0"), "PTX is not NUL-terminated"
            text = data[:-1].decode()
            assert ".target sm_%d" % image.sm in text, "wrong .target"
            entries = text.count(".entry ")
            assert entries == len(kernels), (entries, len(kernels))
            for name, size in weights:
                assert (".visible .global .align 64 .b8 %s[%d];" % (name, size)
                        in text), "PTX lacks the uninitialized global " + name
            print("image ptx sm_%d entries %d" % (image.sm, entries))
        else:
            raise AssertionError("unknown image format %d" % image.format)


main()
