#!/usr/bin/env python3
"""Runs ONNX's backend test data through kiln-compile and kiln-run.

usage: onnx-conformance.py [DATA_DIR ...] [--kiln-compile PATH] [--kiln-run PATH]
                           [--via-python] [-j N] [--expected-failures FILE]
                           [--filter REGEX] [--min-pass-rate PERCENT] [-v]

Run it with /usr/bin/python3 (it needs numpy and onnx). DATA_DIR defaults to
the three folders of Debian's libonnx-testdata:
/usr/share/libonnx-testdata/data/{node,pytorch-converted,pytorch-operator}.
A test is a folder test_*/ holding model.onnx and test_data_set_*/ with
input_<i>.pb and output_<i>.pb; it is named `<folder>/<test>`, e.g.
`node/test_relu`.

A test is selected when
  - every node is an ONNX-domain op that Kiln's importer registers (read
    from lib/Import/Onnx/*.cpp; see importer_ops below), and
  - every graph output is float32 and every graph input is float32 or an
    int8/16/32/64, uint8 or bool tensor (no float16, float64, bfloat16,
    string, uint32 ...).
Other tests are not counted at all. Kiln compiles static shapes, so a graph
input that feeds an operand Kiln needs at compile time (COMPILE_TIME_INPUTS:
Reshape's shape, Slice's starts, Clip's bounds, Resize's scales ...) is bound:
it becomes an initializer holding the test's own input values before the
model is compiled (once per distinct set of values). The other inputs are fed
at run time.

Each selected test is compiled (`kiln-compile model.onnx -o model.so`) and run
on every data set, through `kiln-run --input NAME=FILE.npy --output-dir DIR`
(default) or, with --via-python, through the `kiln` Python package in this
process (faster; a crashing model then takes the runner down with it). Every
output must have the stored output's shape and match it within ONNX's backend
test tolerances, |got - want| <= atol + rtol * |want| with rtol=1e-3,
atol=1e-7; NaN matches NaN.

The report is a per-op table (a test counts once for every op type in it),
the failures with one-line reasons, and a closing line
`N passed, N failed, N skipped`: skipped tests are the ones listed in the
expected-failures file (default test/Conformance/expected-failures.txt, one
`<folder>/<test>: <reason>` line each) that still fail. The exit status is 1
when a test fails that is not listed, when a listed test passes (the list must
stay true; the closing line then ends with `, N unexpectedly passed`), when a
listed test is not a selected test of a scanned folder, or when fewer than
--min-pass-rate percent of the selected tests pass.
"""
import argparse
import collections
import concurrent.futures
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

import numpy as np
import onnx
from onnx import numpy_helper

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
DATA_ROOT = "/usr/share/libonnx-testdata/data"
DEFAULT_FOLDERS = ("node", "pytorch-converted", "pytorch-operator")

#: ONNX op types that the importer has no entry for but imports all the same:
#: Upsample exists up to opset 9 only, and the importer converts models of
#: opsets before 11 with ONNX's version converter, which makes it a Resize.
CONVERTED_OPS = frozenset({"Upsample"})


def importer_ops():
    """The ONNX op types Kiln imports: every op the importer registers an
    importer or an import-time folder for (`table["Op"] = ...` in
    lib/Import/Onnx/*.cpp), and CONVERTED_OPS. Read from the source so that
    the selection follows the importer."""
    folder = os.path.join(REPO, "lib", "Import", "Onnx")
    ops = set(CONVERTED_OPS)
    for name in sorted(os.listdir(folder)):
        if name.endswith(".cpp"):
            with open(os.path.join(folder, name)) as f:
                ops.update(re.findall(r'\btable\["(\w+)"\]\s*=', f.read()))
    if len(ops) == len(CONVERTED_OPS):
        sys.exit(f"onnx-conformance: error: found no op registrations in {folder}")
    return frozenset(ops)


#: ONNX op types Kiln imports. Shape-only ops (Shape, ConstantOfShape,
#: Range, ...) fold at import.
SUPPORTED_OPS = importer_ops()

#: Operands (input positions) of ONNX ops that Kiln needs as constants; a
#: graph input feeding one is bound to the test's values at compile time.
COMPILE_TIME_INPUTS = {
    "Clip": (1, 2), "ConstantOfShape": (0,), "Dropout": (1, 2), "Expand": (1,),
    "Pad": (1, 2, 3), "Range": (0, 1, 2), "ReduceMax": (1,), "ReduceMean": (1,),
    "ReduceSum": (1,), "Reshape": (1,), "Resize": (1, 2, 3), "Slice": (1, 2, 3, 4),
    "Split": (1,), "Squeeze": (1,), "Tile": (1,), "Trilu": (1,), "Unsqueeze": (1,),
    "Upsample": (1,),
}

#: ONNX's backend test tolerances (onnx/backend/test/runner).
RTOL = 1e-3
ATOL = 1e-7

#: Element types of inputs fed at run time besides float32 (index, shape and
#: mask data): the integer and bool types Kiln's runtime has.
OTHER_INPUT_TYPES = {
    onnx.TensorProto.INT8, onnx.TensorProto.INT16, onnx.TensorProto.INT32,
    onnx.TensorProto.INT64, onnx.TensorProto.UINT8, onnx.TensorProto.BOOL,
}


class Test:
    def __init__(self, folder, name, path, model, ops, fed_inputs, bound_inputs, outputs,
                 data_sets):
        self.folder = folder
        self.name = name
        self.id = f"{folder}/{name}"
        self.path = path
        self.model = model            # onnx.ModelProto
        self.ops = ops                # sorted op types
        self.fed_inputs = fed_inputs      # graph input names fed at run time
        self.bound_inputs = bound_inputs  # graph input names bound at compile time
        self.outputs = outputs        # graph output names
        self.data_sets = data_sets    # [(inputs {name: array}, outputs [array])]


class Failure(Exception):
    """A test failed; the message is its one-line reason."""


def elem_type(value_info):
    return value_info.type.tensor_type.elem_type if value_info.type.HasField(
        "tensor_type") else None


def read_tensor(path):
    tensor = onnx.TensorProto()
    with open(path, "rb") as f:
        tensor.ParseFromString(f.read())
    return numpy_helper.to_array(tensor)


def numbered(folder, prefix):
    files = [f for f in os.listdir(folder) if re.fullmatch(prefix + r"_\d+\.pb", f)]
    return [os.path.join(folder, f) for f in sorted(files, key=lambda f: int(f[len(prefix) + 1:-3]))]


def all_nodes(graph):
    """Every node, those of subgraphs included."""
    for node in graph.node:
        yield node
        for attr in node.attribute:
            if attr.type == onnx.AttributeProto.GRAPH:
                yield from all_nodes(attr.g)
            for g in attr.graphs:
                yield from all_nodes(g)


def load_test(folder, path):
    """Returns a Test when the test at `path` is selected, else None."""
    model_path = os.path.join(path, "model.onnx")
    if not os.path.isfile(model_path):
        return None
    model = onnx.load(model_path)
    ops, compile_time = set(), set()
    for node in all_nodes(model.graph):
        if node.domain not in ("", "ai.onnx") or node.op_type not in SUPPORTED_OPS:
            return None
        ops.add(node.op_type)
        for i in COMPILE_TIME_INPUTS.get(node.op_type, ()):
            if i < len(node.input):
                compile_time.add(node.input[i])
    initializers = {t.name for t in model.graph.initializer}
    graph_inputs = [v for v in model.graph.input if v.name not in initializers]
    fed_inputs, bound_inputs = [], []
    for v in graph_inputs:
        t = elem_type(v)
        if v.name in compile_time:
            bound_inputs.append(v.name)
        elif t == onnx.TensorProto.FLOAT or t in OTHER_INPUT_TYPES:
            fed_inputs.append(v.name)
        else:
            return None
    if not model.graph.output or any(elem_type(v) != onnx.TensorProto.FLOAT
                                     for v in model.graph.output):
        return None
    data_sets = []
    for d in sorted(os.listdir(path)):
        set_dir = os.path.join(path, d)
        if not d.startswith("test_data_set_") or not os.path.isdir(set_dir):
            continue
        inputs = [read_tensor(f) for f in numbered(set_dir, "input")]
        outputs = [read_tensor(f) for f in numbered(set_dir, "output")]
        if len(inputs) != len(graph_inputs) or len(outputs) != len(model.graph.output):
            return None  # optional inputs left out; not a case this runner feeds
        data_sets.append(({v.name: a for v, a in zip(graph_inputs, inputs)}, outputs))
    if not data_sets:
        return None
    return Test(folder, os.path.basename(path), path, model, sorted(ops), fed_inputs,
                bound_inputs, [v.name for v in model.graph.output], data_sets)


def scan(data_dirs):
    tests = []
    for data_dir in data_dirs:
        folder = os.path.basename(os.path.normpath(data_dir))
        for name in sorted(os.listdir(data_dir)):
            path = os.path.join(data_dir, name)
            if name.startswith("test_") and os.path.isdir(path):
                test = load_test(folder, path)
                if test:
                    tests.append(test)
    return tests


def read_expected_failures(path):
    expected = {}
    if not path or not os.path.exists(path):
        return expected
    with open(path) as f:
        for number, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            name, sep, reason = line.partition(":")
            if not sep or "/" not in name or not reason.strip():
                sys.exit(f"{path}:{number}: expected '<folder>/<test name>: <reason>'")
            expected[name.strip()] = reason.strip()
    return expected


# -- compiling and running ----------------------------------------------------


def run_command(command, timeout):
    try:
        proc = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              timeout=timeout, text=True, errors="replace")
    except subprocess.TimeoutExpired:
        raise Failure(f"{os.path.basename(command[0])} timed out after {timeout} s")
    if proc.returncode < 0:
        try:
            name = signal.Signals(-proc.returncode).name
        except ValueError:
            name = f"signal {-proc.returncode}"
        raise Failure(f"{os.path.basename(command[0])} killed by {name}"
                      f"{': ' + first_error(proc.stderr) if proc.stderr.strip() else ''}")
    return proc


def first_error(text):
    """The first 'error:' line of a tool's stderr (else its first line),
    without the file name in front."""
    lines = [l.strip() for l in text.splitlines() if l.strip()]
    for line in lines:
        i = line.find("error:")
        if i >= 0:
            return line[i:]
    return lines[0] if lines else "(no message)"


def bound_model(test, values):
    """The test's model with the graph inputs `values` turned into
    initializers."""
    model = onnx.ModelProto()
    model.CopyFrom(test.model)
    keep_inputs = model.ir_version < 4  # initializers must also be inputs then
    if not keep_inputs:
        kept = [v for v in model.graph.input if v.name not in values]
        del model.graph.input[:]
        model.graph.input.extend(kept)
    for name, array in values.items():
        model.graph.initializer.append(numpy_helper.from_array(array, name))
    return model


def compile_model(args, model_path, so_path):
    proc = run_command([args.kiln_compile, model_path, "-o", so_path], args.timeout)
    if proc.returncode != 0:
        raise Failure("compile: " + first_error(proc.stderr))


def run_kiln_run(args, so_path, inputs, work):
    command = [args.kiln_run, so_path, "--threads", "1", "--output-dir",
               os.path.join(work, "out")]
    for i, (name, array) in enumerate(inputs.items()):
        file = os.path.join(work, f"input_{i}.npy")
        np.save(file, array)
        command += ["--input", f"{name}={file}"]
    proc = run_command(command, args.timeout)
    if proc.returncode != 0:
        raise Failure("run: " + first_error(proc.stderr))
    files = [l[len("wrote "):] for l in proc.stdout.splitlines() if l.startswith("wrote ")]
    return [np.load(f) for f in files]


def run_python(args, so_path, inputs):
    import kiln
    try:
        with kiln.load(so_path, threads=1) as model:
            results = model(**inputs)
    except kiln.Error as e:
        raise Failure(f"run: error: {e}")
    return list(results) if isinstance(results, tuple) else [results]


def compare(test, got, want):
    if len(got) != len(want):
        raise Failure(f"the model has {len(got)} outputs, the test {len(want)}")
    for name, g, w in zip(test.outputs, got, want):
        if g.shape != w.shape:
            raise Failure(f"output '{name}': shape {list(g.shape)}, expected {list(w.shape)}")
        if g.dtype != w.dtype:
            raise Failure(f"output '{name}': dtype {g.dtype}, expected {w.dtype}")
        g64, w64 = g.astype(np.float64), w.astype(np.float64)
        close = np.isclose(g64, w64, rtol=RTOL, atol=ATOL, equal_nan=True)
        if not close.all():
            with np.errstate(invalid="ignore"):
                err = np.abs(g64 - w64)
            i = np.unravel_index(np.argmin(close), g.shape)
            finite = err[np.isfinite(err)]
            raise Failure(
                f"output '{name}': {int((~close).sum())} of {g.size} elements differ, "
                f"max abs error {finite.max() if finite.size else float('nan'):.3g}; "
                f"at {list(i)} got {g[i]!r}, expected {w[i]!r}")


def run_test(args, test, work_root):
    """Returns None when the test passes, else the reason it failed."""
    work = os.path.join(work_root, test.id.replace("/", "__"))
    os.makedirs(work, exist_ok=True)
    try:
        compiled = {}  # bound input values -> .so
        for index, (inputs, outputs) in enumerate(test.data_sets):
            values = {n: inputs[n] for n in test.bound_inputs}
            key = tuple((n, a.dtype.str, a.shape, a.tobytes()) for n, a in values.items())
            if key not in compiled:
                model_path = test.path + "/model.onnx"
                if values:
                    model_path = os.path.join(work, f"model_{len(compiled)}.onnx")
                    onnx.save(bound_model(test, values), model_path)
                so_path = os.path.join(work, f"model_{len(compiled)}.so")
                compile_model(args, model_path, so_path)
                compiled[key] = so_path
            feed = {n: inputs[n] for n in test.fed_inputs}
            if args.via_python:
                got = run_python(args, compiled[key], feed)
            else:
                set_work = os.path.join(work, f"set_{index}")
                os.makedirs(set_work, exist_ok=True)
                got = run_kiln_run(args, compiled[key], feed, set_work)
            try:
                compare(test, got, outputs)
            except Failure as e:
                if len(test.data_sets) > 1:
                    raise Failure(f"test_data_set_{index}: {e}")
                raise
        return None
    except Failure as e:
        return str(e)
    except Exception as e:  # a bug of the runner or unreadable data
        return f"runner: {type(e).__name__}: {e}"
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


# -- report -------------------------------------------------------------------


def print_table(tests, status):
    rows = collections.defaultdict(lambda: [0, 0, 0])  # passed, failed, known
    column = {"passed": 0, "xpass": 0, "failed": 1, "known": 2}
    for test in tests:
        for op in test.ops:
            rows[op][column[status[test.id]]] += 1
    width = max([len(op) for op in rows] + [7])
    print(f"{'op type':<{width}}  passed  failed  known")
    for op in sorted(rows):
        p, f, k = rows[op]
        print(f"{op:<{width}}  {p:6}  {f:6}  {k:5}")


def main():
    parser = argparse.ArgumentParser(
        description="Runs ONNX backend test data through kiln-compile and kiln-run.")
    parser.add_argument("data_dirs", nargs="*", metavar="DATA_DIR",
                        help=f"test folders (default: {DATA_ROOT}/{{"
                        + ",".join(DEFAULT_FOLDERS) + "})")
    parser.add_argument("--kiln-compile", default=os.path.join(REPO, "build/bin/kiln-compile"))
    parser.add_argument("--kiln-run", default=os.path.join(REPO, "build/bin/kiln-run"))
    parser.add_argument("--via-python", action="store_true",
                        help="run the models through the kiln Python package in this process")
    parser.add_argument("-j", "--jobs", type=int, default=2, help="tests run at once (default 2)")
    parser.add_argument("--expected-failures",
                        default=os.path.join(REPO, "test/Conformance/expected-failures.txt"),
                        help="known failures, '<folder>/<test>: <reason>' per line "
                        "('' for none)")
    parser.add_argument("--filter", help="run only tests whose '<folder>/<test>' matches REGEX")
    parser.add_argument("--min-pass-rate", type=float, default=0.0, metavar="PERCENT",
                        help="fail when fewer selected tests pass")
    parser.add_argument("--timeout", type=int, default=300,
                        help="seconds allowed to one kiln-compile or kiln-run (default 300)")
    parser.add_argument("--keep", action="store_true",
                        help="keep the work folder (models, .so files, inputs and outputs)")
    parser.add_argument("--list", action="store_true", help="list the selected tests and exit")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="print every test's result as it finishes")
    args = parser.parse_args()

    data_dirs = args.data_dirs or [os.path.join(DATA_ROOT, f) for f in DEFAULT_FOLDERS]
    for d in data_dirs:
        if not os.path.isdir(d):
            sys.exit(f"onnx-conformance: error: no test folder '{d}' (install libonnx-testdata)")
    if args.jobs < 1:
        sys.exit("onnx-conformance: error: -j must be at least 1")

    tests = scan(data_dirs)
    if args.filter:
        tests = [t for t in tests if re.search(args.filter, t.id)]
    if args.list:
        for t in tests:
            print(t.id, " ".join(t.ops))
        return 0
    for tool in ([args.kiln_compile] + ([] if args.via_python else [args.kiln_run])):
        if not os.access(tool, os.X_OK):
            sys.exit(f"onnx-conformance: error: '{tool}' is not an executable")
    if args.via_python:
        sys.path.insert(0, os.path.join(REPO, "python"))
        import kiln  # noqa: F401  (fail early when it is missing)

    expected = read_expected_failures(args.expected_failures)
    selected = {t.id for t in tests}
    folders = {os.path.basename(os.path.normpath(d)) for d in data_dirs}
    stale = sorted(n for n in expected
                   if n.split("/")[0] in folders and n not in selected and not args.filter)

    start = time.monotonic()
    work_root = tempfile.mkdtemp(prefix="kiln-onnx-conformance-")
    reasons = {}
    try:
        with concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
            futures = {pool.submit(run_test, args, t, work_root): t for t in tests}
            for future in concurrent.futures.as_completed(futures):
                test = futures[future]
                reasons[test.id] = future.result()
                if args.verbose:
                    reason = reasons[test.id]
                    print(f"{'PASS' if reason is None else 'FAIL'}: {test.id}"
                          f"{'' if reason is None else ': ' + reason}", flush=True)
    finally:
        if args.keep:
            print(f"work folder: {work_root}")
        else:
            shutil.rmtree(work_root, ignore_errors=True)

    status = {}
    for t in tests:
        failed = reasons[t.id] is not None
        listed = t.id in expected
        status[t.id] = {(False, False): "passed", (False, True): "xpass",
                        (True, False): "failed", (True, True): "known"}[(failed, listed)]
    counts = collections.Counter(status.values())

    print_table(tests, status)
    print()
    for kind, title in (("failed", "Failures"), ("known", "Known failures (expected-failures)")):
        names = [t.id for t in tests if status[t.id] == kind]
        if names:
            print(f"{title}:")
            for name in names:
                print(f"  {name}: {reasons[name]}")
    xpass = [t.id for t in tests if status[t.id] == "xpass"]
    if xpass:
        print("Unexpectedly passed (remove them from the expected failures):")
        for name in xpass:
            print(f"  {name}")
    if stale:
        print(f"Not a selected test (remove them from {args.expected_failures}):")
        for name in stale:
            print(f"  {name}")

    total = len(tests)
    passed = counts["passed"] + counts["xpass"]
    by_folder = collections.defaultdict(lambda: [0, 0])
    for t in tests:
        by_folder[t.folder][0] += status[t.id] in ("passed", "xpass")
        by_folder[t.folder][1] += 1
    rate = 100.0 * passed / total if total else 0.0
    print()
    for folder in sorted(by_folder):
        p, n = by_folder[folder]
        print(f"{folder}: {p} of {n} passed ({100.0 * p / n:.1f} %)")
    print(f"pass rate {rate:.1f} % ({passed} of {total} selected tests) in "
          f"{time.monotonic() - start:.0f} s")
    line = f"{passed} passed, {counts['failed']} failed, {counts['known']} skipped"
    if xpass:
        line += f", {len(xpass)} unexpectedly passed"
    print(line)
    ok = not counts["failed"] and not xpass and not stale
    if rate < args.min_pass_rate:
        print(f"error: pass rate {rate:.1f} % is below {args.min_pass_rate:g} %")
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
