#!/usr/bin/env python3
"""Checks that every kiln op appears in the dialect's round-trip and diagnostic tests.

usage: check-op-coverage.py DIALECT_DOC.md TEST.mlir [TEST.mlir ...]

DIALECT_DOC.md is the reference generated from ODS (build/docs/Dialects/Kiln/KilnDialect.md);
every op it documents must be used (as `kiln.<name>` or `"kiln.<name>"`) in each test file.
Prints the missing ops per file and exits 1 when any is missing.
"""
import re
import sys


def main(argv):
    if len(argv) < 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        ops = sorted(set(re.findall(r"^### `(kiln\.\w+)`", f.read(), re.M)))
    if not ops:
        print(f"error: no ops documented in {argv[1]}", file=sys.stderr)
        return 1
    status = 0
    for path in argv[2:]:
        with open(path) as f:
            text = f.read()
        missing = [op for op in ops if not re.search(re.escape(op) + r"(?![\w])", text)]
        if missing:
            status = 1
            print(f"{path}: {len(missing)} of {len(ops)} ops missing: {' '.join(missing)}")
        else:
            print(f"{path}: all {len(ops)} ops covered")
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
