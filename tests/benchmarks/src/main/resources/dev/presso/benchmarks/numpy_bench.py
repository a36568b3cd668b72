"""numpy side of the Presso bench: times the same cases as the Java side.

Usage: python3 numpy_bench.py CASE...   where CASE is KIND:DIMS@REPS, for example
gemm:1024@21, svd:4096x1024@3, cholesky:1024@11, eigh:1024@5, fwht:4096x4096/4096@7.

Prints "info KEY VALUE" lines describing numpy and its BLAS, then one
"time CASE SECONDS" line per case: the median wall time over REPS calls after
warm-up calls. All data is float32.
"""
import ctypes
import glob
import os
import sys
import time

import numpy as np


def blas_info():
    """Yields (key, value) pairs about numpy's OpenBLAS, as far as it can be asked."""
    yield "numpy", np.__version__
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
        yield "env." + key, os.environ.get(key, "<unset>")
    libs = glob.glob(os.path.join(os.path.dirname(np.__file__), os.pardir, "numpy.libs", "*openblas*"))
    for path in libs:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "")):
            try:
                corename = getattr(lib, prefix + "get_corename" + suffix)
                threads = getattr(lib, prefix + "get_num_threads" + suffix)
            except AttributeError:
                continue
            corename.restype = ctypes.c_char_p
            yield "openblas.core", corename().decode()
            yield "openblas.threads", str(threads())
            return


def median_seconds(body, reps):
    warmup = max(1, min(3, reps // 3))
    for _ in range(warmup):
        body()
    times = []
    for _ in range(reps):
        start = time.perf_counter()
        body()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[len(times) // 2]


def hadamard(size):
    """The Sylvester-order Hadamard matrix of a power-of-two size."""
    h = np.ones((1, 1), dtype=np.float32)
    while h.shape[0] < size:
        h = np.block([[h, h], [h, -h]])
    return h


def fwht(x, block, scale):
    """Sylvester-order Walsh-Hadamard transform of each block of the last axis.

    H_block is the Kronecker product of Hadamard matrices of at most 64, one per group of
    six index bits, so the transform is a few BLAS products on reshaped views: much faster
    in numpy than a butterfly of log2(block) elementwise passes.
    """
    bits = block.bit_length() - 1
    sizes = [64] * (bits // 6) + ([1 << (bits % 6)] if bits % 6 else [])
    y = x.reshape(-1, block)
    lower = 1
    for size in sizes:
        h = hadamard(size)
        if lower == 1:
            y = y.reshape(-1, size) @ h
        else:
            y = np.matmul(h, y.reshape(-1, size, lower))
        lower *= size
    return y.reshape(x.shape) * np.float32(scale)


def case_body(kind, dims, rng):
    """Returns a zero-argument function that runs one call of the case."""
    if kind == "gemm":
        n = dims[0]
        a = rng.standard_normal((n, n), dtype=np.float32)
        b = rng.standard_normal((n, n), dtype=np.float32)
        return lambda: a @ b
    if kind == "svd":
        a = rng.standard_normal((dims[0], dims[1]), dtype=np.float32)
        return lambda: np.linalg.svd(a, full_matrices=False)
    if kind == "cholesky":
        n = dims[0]
        x = rng.standard_normal((n, n), dtype=np.float32)
        a = (x @ x.T) / np.float32(n) + np.eye(n, dtype=np.float32)
        return lambda: np.linalg.cholesky(a)
    if kind == "eigh":
        n = dims[0]
        x = rng.standard_normal((n, n), dtype=np.float32)
        a = (x + x.T) / np.float32(2)
        return lambda: np.linalg.eigh(a)
    if kind == "fwht":
        rows, cols, block = dims
        x = rng.standard_normal((rows, cols), dtype=np.float32)
        return lambda: fwht(x, block, 1.0 / np.sqrt(block))
    raise ValueError("unknown case kind " + kind)


def parse(spec):
    body, reps = spec.split("@")
    kind, dims = body.split(":")
    return kind, [int(d) for d in dims.replace("/", "x").split("x")], int(reps)


def main(specs):
    for key, value in blas_info():
        print("info", key, value, flush=True)
    rng = np.random.default_rng(42)
    for spec in specs:
        kind, dims, reps = parse(spec)
        print("time", spec.split("@")[0], repr(median_seconds(case_body(kind, dims, rng), reps)), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
