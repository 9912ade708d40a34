"""Writes .npy files for the runtime tests, well-formed or deliberately broken.

usage: make_npy.py OUT.npy DTYPE SHAPE [--seed S] [--fortran] [--big-endian]
                   [--truncate N] [--append N] [--raw TEXT]
                   [--header TEXT] [--version MAJOR]

SHAPE is comma-separated ("16,128"; "" for a scalar). Values are seeded
random: floats in [-8, 8), integers in [-50, 50). --truncate drops the last N
bytes, --append adds N zero bytes; --raw writes the given text instead of an
array; --header writes a .npy preamble (format version --version, default 1)
with the given header text and DTYPE/SHAPE worth of zero bytes.
"""

import argparse
import os

import numpy as np


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("dtype")
    parser.add_argument("shape")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--fortran", action="store_true")
    parser.add_argument("--big-endian", action="store_true")
    parser.add_argument("--truncate", type=int, default=0)
    parser.add_argument("--append", type=int, default=0)
    parser.add_argument("--raw")
    parser.add_argument("--header")
    parser.add_argument("--version", type=int, default=1)
    args = parser.parse_args()

    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    if args.raw is not None:
        with open(args.out, "wb") as f:
            f.write(args.raw.encode())
        return

    shape = tuple(int(d) for d in args.shape.split(",") if d)
    if args.header is not None:
        text = args.header.encode() + b"\n"
        size = 2 if args.version == 1 else 4
        data = np.zeros(shape, np.dtype(args.dtype)).tobytes()
        with open(args.out, "wb") as f:
            f.write(b"\x93NUMPY" + bytes([args.version, 0]))
            f.write(len(text).to_bytes(size, "little") + text + data)
        return
    rng = np.random.default_rng(args.seed)
    dtype = np.dtype(args.dtype)
    if dtype.kind == "f":
        array = (rng.random(shape) * 16 - 8).astype(dtype)
    elif dtype.kind == "b":
        array = rng.random(shape) < 0.5
    else:
        array = rng.integers(-50, 50, shape).astype(dtype)
    if args.big_endian:
        array = array.astype(dtype.newbyteorder(">"))
    if args.fortran:
        array = np.asfortranarray(array.reshape(shape))
        assert array.ndim < 2 or array.flags.f_contiguous
    np.save(args.out, array, allow_pickle=False)

    if args.truncate or args.append:
        with open(args.out, "rb") as f:
            data = f.read()
        if args.truncate:
            data = data[: -args.truncate]
        data += b"\0" * args.append
        with open(args.out, "wb") as f:
            f.write(data)


if __name__ == "__main__":
    main()
