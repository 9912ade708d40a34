#!/usr/bin/env bash
# The main job on a bundled example: compile a kiln model to a shared object, then run it with
# kiln-run on random inputs and benchmark it. Run scripts/setup.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "== kiln-compile examples/elementwise.mlir"
build/bin/kiln-compile examples/elementwise.mlir -o "$out/elementwise.so"
echo "== kiln-run (random inputs, outputs in $out)"
build/bin/kiln-run "$out/elementwise.so" --output-dir "$out" --bench 20
echo "== graph pipeline on the ShuffleNetV2 unit"
build/bin/kiln-opt --kiln-graph-pipeline examples/shufflenet_unit.mlir | head -n 12
