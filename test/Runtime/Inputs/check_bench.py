"""Checks kiln-run --bench output read from stdin: the statistics line exists,
is ordered (min <= median <= max, min <= mean <= max) and positive."""

import re
import sys

text = sys.stdin.read()
match = re.search(r"latency ms: min (\S+) median (\S+) mean (\S+) max (\S+)",
                  text)
if not match:
    sys.exit("error: no latency line in:\n" + text)
low, median, mean, high = (float(v) for v in match.groups())
if not (0 <= low <= median <= high and low <= mean <= high and high > 0):
    sys.exit(f"error: inconsistent statistics {low} {median} {mean} {high}")
print("bench statistics consistent")
