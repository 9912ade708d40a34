"""Tests of the kiln Python package against the hand-written test models.

usage: test_kiln.py MODEL_DIR   (with the package and runtime findable)
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


class SignatureTest(unittest.TestCase):
    def test_inputs_outputs(self):
        m = kiln.load(model("two_io"), threads=2)
        self.assertEqual(m.name, "two_io")
        self.assertEqual(m.target, "cpu")
        self.assertEqual(m.threads, 2)
        self.assertEqual(
            m.inputs,
            (
                kiln.TensorInfo("a", np.dtype(np.float32), (2, 3)),
                kiln.TensorInfo("b", np.dtype(np.int64), (3,)),
            ),
        )
        self.assertEqual([o.name for o in m.outputs], ["sum:0", "b/scaled"])
        self.assertEqual(m.outputs[1].dtype, np.int64)
        self.assertIn("two_io", repr(m))

    def test_scalar_output(self):
        m = kiln.load(model("workers"))
        self.assertEqual(m.outputs[2], kiln.TensorInfo("num_threads", np.dtype(np.int32), ()))


class RunTest(unittest.TestCase):
    def setUp(self):
        self.rng = np.random.default_rng(0)

    def test_affine(self):
        m = kiln.load(model("affine"))
        x = self.rng.standard_normal((16, 128)).astype(np.float32)
        y = m(x)
        self.assertIsInstance(y, np.ndarray)
        self.assertEqual(y.dtype, np.float32)
        np.testing.assert_array_equal(y, 2 * x + 1)
        np.testing.assert_array_equal(m(x=x), y)

    def test_aligned_buffers(self):
        # aligned.so fails with code 2 (input) or 3 (output) unless its
        # 512 KB buffers are aligned to 64 bytes.
        m = kiln.load(model("aligned"))
        x = kiln.empty((512, 256), np.float32)
        self.assertEqual(x.ctypes.data % 64, 0)
        self.assertTrue(x.flags.c_contiguous)
        x[...] = self.rng.standard_normal((512, 256))
        y = m(x)
        self.assertEqual(y.ctypes.data % 64, 0)
        np.testing.assert_array_equal(y, x + 1)
        self.assertEqual(kiln.empty(3, np.int64).shape, (3,))
        self.assertEqual(kiln.empty((), np.float32).shape, ())

    def test_non_contiguous_input(self):
        m = kiln.load(model("affine"))
        x = self.rng.standard_normal((128, 16)).astype(np.float32).T
        self.assertFalse(x.flags.c_contiguous)
        np.testing.assert_array_equal(m(x), 2 * x + 1)

    def test_two_outputs_positional_and_keyword(self):
        m = kiln.load(model("two_io"))
        a = self.rng.standard_normal((2, 3)).astype(np.float32)
        b = np.array([4, -5, 6], dtype=np.int64)
        for result in (m(a, b), m(b=b, a=a), m(a, b=b)):
            self.assertIsInstance(result, tuple)
            total, scaled = result
            np.testing.assert_array_equal(total, a + b.astype(np.float32))
            self.assertEqual(scaled.dtype, np.int64)
            np.testing.assert_array_equal(scaled, 3 * b)

    def test_thread_count(self):
        m = kiln.load(model("workers"), threads=3)
        worker, nested, count, visits, max_worker = m(np.zeros(10, np.float32))
        self.assertTrue(((worker >= 0) & (worker < 3)).all(), worker)
        self.assertTrue(0 <= int(max_worker) < 3, max_worker)
        np.testing.assert_array_equal(nested, worker)
        np.testing.assert_array_equal(visits, np.ones(10, np.int32))
        self.assertEqual(count.shape, ())
        self.assertEqual(int(count), 3)
        m.threads = 1
        self.assertEqual(m.threads, 1)
        self.assertEqual(int(m(np.zeros(10, np.float32))[2]), 1)
        m.threads = None
        self.assertEqual(m.threads, kiln.default_threads())

    def test_run_into(self):
        m = kiln.load(model("affine"))
        x = self.rng.standard_normal((16, 128)).astype(np.float32)
        y = kiln.empty((16, 128))
        self.assertIsNone(m.run_into(y, x))
        np.testing.assert_array_equal(y, 2 * x + 1)
        address = y.ctypes.data
        m.run_into([y], x=-x)  # a sequence, inputs by name, the same array
        np.testing.assert_array_equal(y, -2 * x + 1)
        self.assertEqual(y.ctypes.data, address)
        two = kiln.load(model("two_io"))
        a = self.rng.standard_normal((2, 3)).astype(np.float32)
        b = np.array([1, 2, 3], np.int64)
        total, scaled = np.empty((2, 3), np.float32), np.empty(3, np.int64)
        two.run_into((total, scaled), a, b)
        expected = two(a, b)
        np.testing.assert_array_equal(total, expected[0])
        np.testing.assert_array_equal(scaled, expected[1])

    def test_profile(self):
        m = kiln.load(model("affine"), threads=2)
        x = self.rng.standard_normal((16, 128)).astype(np.float32)
        self.assertFalse(m.profiling)
        m(x)  # not recorded
        m.profiling = True
        self.assertTrue(m.profiling)
        for _ in range(3):
            np.testing.assert_array_equal(m(x), 2 * x + 1)
        runs, kernels = m.profile()
        self.assertEqual(runs, 3)
        self.assertEqual([k.name for k in kernels], ["rows", "(serial)"])
        self.assertEqual((kernels[0].calls, kernels[0].tiles), (3, 16))
        self.assertEqual((kernels[1].calls, kernels[1].tiles), (3, 0))
        self.assertTrue(all(0 <= 3 * k.min_seconds <= k.seconds for k in kernels), kernels)
        self.assertGreater(kernels[0].min_seconds, 0)
        # Asked again after another run: the same kernels, named the same.
        m(x)
        runs, again = m.profile()
        self.assertEqual(runs, 4)
        self.assertEqual([k.name for k in again], ["rows", "(serial)"])
        self.assertEqual(again[0].calls, 4)
        # Turning it on again starts over.
        m.profiling = True
        self.assertEqual(m.profile()[0], 0)
        m.profiling = False
        with self.assertRaises(kiln.Error) as context:
            m.profile()
        self.assertEqual(
            context.exception.message,
            "kiln_get_profile: profiling of model 'affine' is off "
            "(kiln_set_profiling turns it on)",
        )

    def test_concurrent_calls(self):
        m = kiln.load(model("affine"), threads=2)
        failures = []

        def work(seed):
            rng = np.random.default_rng(seed)
            for _ in range(100):
                x = rng.standard_normal((16, 128)).astype(np.float32)
                if not np.array_equal(m(x), 2 * x + 1):
                    failures.append(seed)

        threads = [threading.Thread(target=work, args=(s,)) for s in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])

    def test_two_models_and_the_same_file_twice(self):
        first, second = kiln.load(model("affine")), kiln.load(model("affine"))
        other = kiln.load(model("two_io"))
        x = np.ones((16, 128), np.float32)
        first.close()
        np.testing.assert_array_equal(second(x), 3 * x)
        self.assertEqual(other(np.zeros((2, 3), np.float32), np.ones(3, np.int64))[1].tolist(), [3, 3, 3])


class ErrorTest(unittest.TestCase):
    def assertError(self, status, message, function, *args, **kwargs):
        with self.assertRaises(kiln.Error) as context:
            function(*args, **kwargs)
        self.assertEqual(context.exception.message, message)
        self.assertEqual(str(context.exception), message)
        self.assertEqual(context.exception.status, status)

    def test_run_into_mistakes(self):
        m = kiln.load(model("affine"))
        x = np.zeros((16, 128), np.float32)
        self.assertError(
            kiln._INVALID_ARGUMENT, "model 'affine' has 1 output, got 2",
            m.run_into, [kiln.empty((16, 128)), kiln.empty((16, 128))], x)
        self.assertError(
            kiln._INVALID_ARGUMENT, "output 'y': expected a numpy array, got list",
            m.run_into, [[0.0]], x)
        self.assertError(
            kiln._INVALID_ARGUMENT,
            "output 'y': the array must be C-contiguous, aligned and writeable",
            m.run_into, np.zeros((128, 16), np.float32).T, x)
        frozen = kiln.empty((16, 128))
        frozen.flags.writeable = False
        self.assertError(
            kiln._INVALID_ARGUMENT,
            "output 'y': the array must be C-contiguous, aligned and writeable",
            m.run_into, frozen, x)
        with self.assertRaises(kiln.Error) as context:
            m.run_into(np.zeros((16, 128)), x)
        self.assertEqual(context.exception.message,
                         "output 'y': expected dtype f32, got f64")
        with self.assertRaises(kiln.Error) as context:
            m.run_into(np.zeros((16, 127), np.float32), x)
        self.assertEqual(context.exception.message,
                         "output 'y': expected shape [16, 128], got [16, 127]")

    def test_dtype_mismatch_is_not_cast(self):
        m = kiln.load(model("affine"))
        x = np.zeros((16, 128))
        self.assertError(8, "input 'x': expected dtype f32, got f64", m, x)
        self.assertError(8, "input 'x': expected dtype f32, got f64", m, x.tolist())
        self.assertError(
            8,
            "input 'x': numpy dtype >f4 has no kiln equivalent (expected <f4)",
            m,
            x.astype(">f4"),
        )

    def test_shape_mismatch(self):
        m = kiln.load(model("affine"))
        self.assertError(
            9,
            "input 'x': expected shape [16, 128], got [16, 129]",
            m,
            np.zeros((16, 129), np.float32),
        )

    def test_argument_mistakes(self):
        m = kiln.load(model("two_io"))
        a, b = np.zeros((2, 3), np.float32), np.zeros(3, np.int64)
        self.assertError(1, "missing input 'b'", m, a)
        self.assertError(1, "model 'two_io' takes 2 inputs, got 3", m, a, b, b)
        self.assertError(1, "unknown input 'c'; model 'two_io' has inputs: a, b", m, a, c=b)
        self.assertError(1, "input 'a' is given twice", m, a, b, a=a)

    def test_load_errors(self):
        self.assertError(2, "cannot open model 'missing.so': No such file or directory", kiln.load, "missing.so")
        with self.assertRaises(kiln.Error) as context:
            kiln.load(model("no_symbol"))
        self.assertEqual(context.exception.status, 3)
        self.assertIn("does not export 'kiln_query_model'", context.exception.message)
        with self.assertRaises(kiln.Error) as context:
            kiln.load(model("bad_version"))
        self.assertEqual(context.exception.status, 4)
        self.assertIn("was built for ABI version 2, this runtime supports version 1", str(context.exception))
        self.assertError(1, "threads must be a positive integer, got 0", kiln.load, model("affine"), threads=0)

    def test_model_failure(self):
        m = kiln.load(model("failing"))
        self.assertError(12, "model 'failing' failed with code 42", m, np.zeros(4, np.float32))

    def test_closed_model(self):
        with kiln.load(model("affine")) as m:
            pass
        self.assertError(1, "model 'affine' is closed", m, np.zeros((16, 128), np.float32))


if __name__ == "__main__":
    unittest.main(verbosity=2)
