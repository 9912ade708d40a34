"""Checks that a compiled model stores its weights about once: the file is at
least the weights' size and at most that plus a margin for the code.

usage: check-size.py MODEL.so MARGIN_BYTES WEIGHT.bin...
"""

import os
import sys

model, margin = sys.argv[1], int(sys.argv[2])
weights = sum(os.path.getsize(path) for path in sys.argv[3:])
size = os.path.getsize(model)
verdict = "ok" if weights <= size <= weights + margin else "FAIL"
print(f"{verdict}: {size} bytes for {weights} bytes of weights "
      f"(at most {weights + margin})")
sys.exit(verdict != "ok")
