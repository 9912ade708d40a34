#!/usr/bin/env bash
# Runs the whole Kiln test suite (lit through the build, unit tests included). Exits non-zero on any
# failure and ends with one summary line: "N passed, N failed, N skipped".
set -uo pipefail
cd "$(dirname "$0")/.."
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cmake --build build --target check-kiln 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
count() { sed -n "s/^ *$1: *\([0-9][0-9]*\).*/\1/p" "$log" | tail -n 1; }
passed=$(count Passed); failed=$(count Failed); unsupported=$(count Unsupported)
xfail=$(count "Expectedly Failed"); unresolved=$(count Unresolved); xpass=$(count "Unexpectedly Passed")
failed=$(( ${failed:-0} + ${unresolved:-0} + ${xpass:-0} ))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "${passed:-0} passed, ${failed} failed, $(( ${unsupported:-0} + ${xfail:-0} )) skipped"
exit "$status"
