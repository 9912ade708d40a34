#!/usr/bin/env bash
# Runs the whole Kiln test suite (lit through the build, unit tests included). Exits non-zero on any
# failure.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake --build build --target check-kiln
