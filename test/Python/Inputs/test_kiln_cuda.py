"""Tests of the kiln package on "cuda" models, with the fake CUDA driver.

usage: KILN_CUDA_DRIVER=<fake_cuda.so> test_kiln_cuda.py MODEL_DIR

fake_cuda.so keeps device memory on the host and runs the test kernels in
C, so these tests check the package's host-side logic numerically: numpy
runs, device buffers, run_device, errors and threads.
"""

import os
import sys
import threading
import unittest

import numpy as np

import kiln

MODELS = sys.argv.pop(1)


def model(name):
    return os.path.join(MODELS, name + ".so")


def expected(x):
    # The kernels compute (2 * x + 0.5) + 0.5 in float32, in that order.
    return (x * np.float32(2) + np.float32(0.5)) + np.float32(0.5)


class CudaTest(unittest.TestCase):
    def setUp(self):
        self.rng = np.random.default_rng(0)
        self.x = self.rng.standard_normal((16, 128)).astype(np.float32)

    def test_automatic_device(self):
        with kiln.load(model("cuda_affine")) as m:
            self.assertEqual(m.target, "cuda")
            self.assertEqual(m.device, "cuda:0")
            self.assertEqual(
                m.device_description, "cuda:0 (Fake CUDA Device 0, sm_90), ptx image for sm_75"
            )
            self.assertEqual(m.threads, 1)
            np.testing.assert_array_equal(m(self.x), expected(self.x))
            np.testing.assert_array_equal(m(x=self.x), expected(self.x))

    def test_explicit_device(self):
        with kiln.load(model("cuda_multi"), device="cuda:0") as m:
            self.assertIn("cubin image for sm_90", m.device_description)
            np.testing.assert_array_equal(m(self.x), expected(self.x))
        with kiln.load(model("cuda_affine"), device="cuda") as m:
            np.testing.assert_array_equal(m(self.x), expected(self.x))

    def test_device_mismatch(self):
        with self.assertRaises(kiln.Error) as e:
            kiln.load(model("cuda_affine"), device="cpu")
        self.assertEqual(e.exception.status, 6)
        self.assertIn("was compiled for cuda and cannot run on the cpu", str(e.exception))
        with self.assertRaises(kiln.Error) as e:
            kiln.load(model("affine"), device="cuda")
        self.assertIn("was compiled for cpu and cannot run on cuda", str(e.exception))
        with self.assertRaises(kiln.Error) as e:
            kiln.load(model("cuda_affine"), device="cuda:4")
        self.assertEqual(e.exception.status, 13)
        self.assertIn("CUDA device 4 does not exist", str(e.exception))
        with self.assertRaises(kiln.Error) as e:
            kiln.load(model("cuda_affine"), device="gpu")
        self.assertIn("device must be 'cpu', 'cuda' or 'cuda:N', got 'gpu'", str(e.exception))

    def test_cpu_model_still_runs(self):
        with kiln.load(model("affine"), device="cpu") as m:
            self.assertEqual(m.device, "cpu")
            np.testing.assert_array_equal(m(self.x), 2 * self.x + 1)

    def test_device_arrays(self):
        with kiln.load(model("cuda_affine")) as m:
            dx = m.to_device(self.x)
            self.assertEqual(dx.shape, (16, 128))
            np.testing.assert_array_equal(dx.numpy(), self.x)
            self.assertEqual(dx.__cuda_array_interface__["typestr"], "<f4")
            dy = m.run_device(dx)
            self.assertIsInstance(dy, kiln.DeviceArray)
            np.testing.assert_array_equal(dy.numpy(), expected(self.x))
            out = m.empty_device((16, 128), np.float32)
            self.assertIsNone(m.run_device(dy, outputs=[out]))
            np.testing.assert_array_equal(out.numpy(), expected(expected(self.x)))
            dx.free()
            with self.assertRaises(kiln.Error) as e:
                m.run_device(dx)
            self.assertIn("device array was freed", str(e.exception))

    def test_run_device_errors(self):
        with kiln.load(model("cuda_affine")) as m:
            wide = m.empty_device((16, 129), np.float32)
            with self.assertRaises(kiln.Error) as e:
                m.run_device(wide)
            self.assertEqual(str(e.exception), "input 'x': expected shape [16, 128], got [16, 129]")
            with self.assertRaises(kiln.Error) as e:
                m.run_device(np.zeros((16, 128), np.float32))
            self.assertIn("expected a kiln.DeviceArray", str(e.exception))
            with self.assertRaises(kiln.Error) as e:
                m.run_device()
            self.assertIn("takes 1 input, got 0", str(e.exception))
            with self.assertRaises(kiln.Error) as e:
                m(self.x.astype(np.float64))
            self.assertEqual(str(e.exception), "input 'x': expected dtype f32, got f64")
        with kiln.load(model("affine")) as cpu:
            with self.assertRaises(kiln.Error) as e:
                cpu.to_device(self.x)
            self.assertEqual(e.exception.status, 6)
            self.assertIn("device memory needs a cuda model", str(e.exception))

    def test_model_failure(self):
        with kiln.load(model("cuda_bad_launch")) as m:
            with self.assertRaises(kiln.Error) as e:
                m(self.x)
            self.assertEqual(e.exception.status, 12)
            self.assertIn("it launched kernel #5, but it has 2 kernels", str(e.exception))

    def test_threads(self):
        m = kiln.load(model("cuda_affine"))
        failures = []

        def work(seed):
            rng = np.random.default_rng(seed)
            for i in range(100):
                x = rng.standard_normal((16, 128)).astype(np.float32)
                if i % 2:
                    y = m.run_device(m.to_device(x)).numpy()
                else:
                    y = m(x)
                if not np.array_equal(y, expected(x)):
                    failures.append((seed, i))

        threads = [threading.Thread(target=work, args=(s,)) for s in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])
        m.close()


if __name__ == "__main__":
    unittest.main()
