#!/usr/bin/env bash
# The main job on bundled examples: compile kiln models to shared objects, then run them with
# kiln-run on random inputs and benchmark them. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== kiln-compile examples/elementwise.mlir"
build/bin/kiln-compile examples/elementwise.mlir -o "$out/elementwise.so"
echo "== kiln-run (random inputs, outputs in $out)"
build/bin/kiln-run "$out/elementwise.so" --output-dir "$out" --bench 20
echo "== kiln-compile examples/shufflenet_unit.mlir, then kiln-run"
build/bin/kiln-compile examples/shufflenet_unit.mlir -o "$out/shufflenet_unit.so"
build/bin/kiln-run "$out/shufflenet_unit.so" --output-dir "$out" --bench 10 | tail -n 3
