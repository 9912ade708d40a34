"""Checks the outputs of workers.so written by kiln-run --output-dir.

Usage: check_workers.py DIR THREADS

parallel_for hands out contiguous chunks of [0, n) to the workers that claim
them, so which worker runs an index varies from run to run; what must hold:
every index is processed exactly once, by a worker in [0, min(n, THREADS))
(in the last call, and max_worker over all the calls of the run),
and a parallel_for nested in a task runs inline on the same worker.
"""

import os
import sys

import numpy as np

out, threads = sys.argv[1], int(sys.argv[2])
worker = np.load(os.path.join(out, "worker.npy"))
nested = np.load(os.path.join(out, "nested.npy"))
visits = np.load(os.path.join(out, "visits.npy"))
num_threads = int(np.load(os.path.join(out, "num_threads.npy")))
max_worker = int(np.load(os.path.join(out, "max_worker.npy")))
errors = []
if num_threads != threads:
    errors.append(f"num_threads {num_threads}, expected {threads}")
if not (visits == 1).all():
    errors.append(f"visits {visits.tolist()}, expected every index once")
if not ((worker >= 0) & (worker < min(len(worker), threads))).all():
    errors.append(f"worker {worker.tolist()} out of "
                  f"[0, {min(len(worker), threads)})")
if not 0 <= max_worker < min(len(worker), threads):
    errors.append(f"worker {max_worker} ran in some call, out of "
                  f"[0, {min(len(worker), threads)})")
if not (nested == worker).all():
    errors.append(f"nested {nested.tolist()} differs from worker {worker.tolist()}")
if errors:
    print("FAIL: " + "; ".join(errors))
    sys.exit(1)
print(f"OK threads={threads} workers={sorted(set(worker.tolist()))}")
