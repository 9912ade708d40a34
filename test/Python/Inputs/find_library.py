"""Checks where the kiln package looks for libkiln_runtime.so.

usage: find_library.py EXPECT MODEL.so
  EXPECT "load":  kiln.load(MODEL.so) must succeed
  EXPECT "error": it must raise kiln.Error naming KILN_RUNTIME_LIB
"""

import sys

import kiln

expect, path = sys.argv[1:]
try:
    m = kiln.load(path)
except kiln.Error as e:
    print(f"error: {e}")
    sys.exit(0 if expect == "error" else 1)
print(f"loaded {m.name}")
sys.exit(0 if expect == "load" else 1)
