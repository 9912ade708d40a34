#!/usr/bin/env python3
"""Runs a subset of the ONNX backend node tests through kiln-compile and the runtime.

usage: onnx_conformance.py prepare --kiln-compile PATH --out DIR [--target cpu|cuda]
                                   [--data-root ROOT] [--timeout S] [TEST ...]
       onnx_conformance.py run DIR

`prepare` compiles ROOT/TEST/model.onnx to DIR/TEST/model.so (for --target,
default cuda) and copies the test's first data set next to it; a compile
failure is kept as DIR/TEST/compile.err. `run` loads every DIR/TEST/model.so
with the kiln package (on the model's target), feeds the data set's inputs
and compares the outputs with the expected ones (floats: |got - want| <=
atol + rtol * |want| with rtol 1e-3 and atol 1e-4, integers and booleans
exactly). It prints one line per test and a last line
"onnx conformance: P passed, F failed, S skipped", and exits 1 if a test
failed. The two steps can run on different machines (prepare where
kiln-compile is built, run where the GPU is).

ROOT defaults to the first that exists of /usr/share/libonnx-testdata/data/node
and the node test data of the installed onnx package.
"""
import argparse
import glob
import os
import shutil
import subprocess
import sys

# Node tests the CPU target passes, covering elementwise ops, contractions,
# convolutions, pooling, normalizations, softmax and shape ops.
DEFAULT_TESTS = [
    "test_abs",
    "test_add",
    "test_add_bcast",
    "test_sub",
    "test_mul",
    "test_div",
    "test_relu",
    "test_sigmoid",
    "test_tanh",
    "test_exp",
    "test_sqrt",
    "test_erf",
    "test_softmax_axis_1",
    "test_matmul_2d",
    "test_matmul_3d",
    "test_matmul_4d",
    "test_gemm_default_no_bias",
    "test_gemm_transposeB",
    "test_conv_with_autopad_same",
    "test_conv_with_strides_padding",
    "test_maxpool_2d_default",
    "test_maxpool_2d_pads",
    "test_averagepool_2d_default",
    "test_averagepool_2d_pads",
    "test_batchnorm_epsilon",
    "test_leakyrelu",
    "test_hardswish",
    "test_where_example",
    "test_transpose_default",
    "test_concat_2d_axis_0",
    "test_reduce_mean_default_axes_keepdims_example",
]

RTOL, ATOL = 1e-3, 1e-4


def default_root():
    candidates = ["/usr/share/libonnx-testdata/data/node"]
    try:
        import onnx

        candidates.append(os.path.join(os.path.dirname(onnx.__file__), "backend", "test", "data", "node"))
    except ImportError:
        pass
    for path in candidates:
        if os.path.isdir(path):
            return path
    return None


def prepare(args):
    root = args.data_root or default_root()
    if not root:
        print("skipped: no ONNX node test data (libonnx-testdata or the onnx package)")
        return 0
    os.makedirs(args.out, exist_ok=True)
    compiled = 0
    for test in args.tests or DEFAULT_TESTS:
        source = os.path.join(root, test)
        data = os.path.join(source, "test_data_set_0")
        if not os.path.isfile(os.path.join(source, "model.onnx")) or not os.path.isdir(data):
            continue
        target = os.path.join(args.out, test)
        shutil.rmtree(target, ignore_errors=True)
        shutil.copytree(data, os.path.join(target, "test_data_set_0"))
        command = [args.kiln_compile, os.path.join(source, "model.onnx"), f"--target={args.target}",
                   "-o", os.path.join(target, "model.so")]
        if args.target == "cpu":
            command.append("--mcpu=x86-64-v3")
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
            error = result.stderr.strip() if result.returncode else ""
        except subprocess.TimeoutExpired:
            error = f"kiln-compile timed out after {args.timeout} s"
        if error:
            with open(os.path.join(target, "compile.err"), "w") as f:
                f.write(error + "\n")
        else:
            compiled += 1
    print(f"prepared {compiled} onnx tests for {args.target} in {args.out}")
    return 0


def read_tensors(directory, kind):
    from onnx import TensorProto, numpy_helper

    tensors = []
    for path in sorted(glob.glob(os.path.join(directory, f"{kind}_*.pb")),
                       key=lambda p: int(p.rsplit("_", 1)[1].split(".")[0])):
        proto = TensorProto()
        with open(path, "rb") as f:
            proto.ParseFromString(f.read())
        tensors.append(numpy_helper.to_array(proto))
    return tensors


def compare(got, want):
    import numpy as np

    if got.shape != want.shape:
        return f"shape {got.shape} != {want.shape}"
    if want.dtype.kind == "f":
        got64, want64 = got.astype(np.float64), want.astype(np.float64)
        bad = ~(np.abs(got64 - want64) <= ATOL + RTOL * np.abs(want64))
        bad &= ~(np.isnan(got64) & np.isnan(want64))
        if bad.any():
            return f"{int(bad.sum())} of {bad.size} values off, max |diff| {np.nanmax(np.abs(got64 - want64)):.3g}"
        return None
    return None if np.array_equal(got, want) else "values differ"


def run(args):
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
    import kiln

    passed = failed = skipped = 0
    for test in sorted(os.listdir(args.dir)):
        directory = os.path.join(args.dir, test)
        model_path = os.path.join(directory, "model.so")
        if not os.path.isfile(model_path):
            reason = "not compiled"
            err = os.path.join(directory, "compile.err")
            if os.path.isfile(err):
                with open(err) as f:
                    reason = (f.readline().strip() or reason)[:160]
            print(f"SKIP {test}: {reason}")
            skipped += 1
            continue
        try:
            data = os.path.join(directory, "test_data_set_0")
            inputs, expected = read_tensors(data, "input"), read_tensors(data, "output")
            with kiln.load(model_path) as m:
                outputs = m(*inputs)
            if not isinstance(outputs, tuple):
                outputs = (outputs,)
            problems = [f"output {i}: {p}" for i, (g, w) in enumerate(zip(outputs, expected))
                        if (p := compare(g, w))]
            if len(outputs) != len(expected):
                problems.append(f"{len(outputs)} outputs, expected {len(expected)}")
        except Exception as e:  # kiln.Error, bad data: one line per test
            problems = [str(e).splitlines()[0][:200]]
        if problems:
            print(f"FAIL {test}: {'; '.join(problems)}")
            failed += 1
        else:
            print(f"PASS {test}")
            passed += 1
    print(f"onnx conformance: {passed} passed, {failed} failed, {skipped} skipped")
    return 1 if failed else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("prepare")
    p.add_argument("--kiln-compile", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--target", default="cuda", choices=["cpu", "cuda"])
    p.add_argument("--data-root")
    p.add_argument("--timeout", type=int, default=60)
    p.add_argument("tests", nargs="*")
    r = sub.add_parser("run")
    r.add_argument("dir")
    args = parser.parse_args()
    return prepare(args) if args.command == "prepare" else run(args)


if __name__ == "__main__":
    sys.exit(main())
