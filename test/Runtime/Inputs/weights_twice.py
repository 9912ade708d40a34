"""Opens weights.so (see weights.c) a second time while a first model of it
runs in another thread: the second open moves the object's read-only data
to huge pages again (runtime/lib/weights.c) under the running model. Every
run of either must read the table's values, and both report the same
mapping. Prints one line per check and OK.

usage: weights_twice.py MODELS_DIR
"""

import os
import sys
import threading

import numpy as np

import kiln

path = os.path.join(sys.argv[1], "weights.so")
x = np.array([1234567, 800123], np.float32)
expected = np.array([567, 123], np.float32)

first = kiln.load(path, threads=1)
bad = []
stop = threading.Event()


def run_first():
    while not stop.is_set():
        y, _ = first(x)
        if not np.array_equal(y, expected):
            bad.append(y)


worker = threading.Thread(target=run_first)
worker.start()
second = [kiln.load(path, threads=1) for _ in range(3)]
stop.set()
worker.join()
for model in second:
    y, anonymous = model(x)
    if not np.array_equal(y, expected):
        bad.append(y)
print("second opens read", second[-1](x)[0].tolist(),
      "anonymous", int(second[-1](x)[1][0]), "first", int(first(x)[1][0]))
print("OK" if not bad else "BAD %s" % bad[:3])
