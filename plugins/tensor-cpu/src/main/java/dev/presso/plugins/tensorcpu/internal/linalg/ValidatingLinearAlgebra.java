package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.kernel.tensor.TensorException;

/**
 * Checks sizes, answers empty problems, and rejects singular triangular systems and non-finite
 * input to the iterative solvers before handing a call to an implementation, so that both
 * implementations behave the same at the edges.
 */
final class ValidatingLinearAlgebra implements DenseLinearAlgebra {
    private final DenseLinearAlgebra delegate;

    ValidatingLinearAlgebra(DenseLinearAlgebra delegate) {
        this.delegate = delegate;
    }

    @Override
    public String description() {
        return delegate.description();
    }

    @Override
    public boolean isNative() {
        return delegate.isNative();
    }

    @Override
    public void svd(float[] a, int m, int n, boolean full, float[] u, float[] s, float[] vt) {
        String op = "svd";
        int k = dims(op, m, n);
        int uCols = full ? m : k;
        int vtRows = full ? n : k;
        need(op, "a", a, m, n);
        need(op, "u", u, m, uCols);
        need(op, "s", s, 1, k);
        need(op, "vt", vt, vtRows, n);
        if (k == 0) {
            identity(u, m, uCols);
            identity(vt, vtRows, n);
            return;
        }
        requireFinite(op, a, m, n, false);
        delegate.svd(a, m, n, full, u, s, vt);
    }

    @Override
    public void qr(float[] a, int m, int n, float[] q, float[] r) {
        String op = "qr";
        int k = dims(op, m, n);
        need(op, "a", a, m, n);
        need(op, "q", q, m, k);
        need(op, "r", r, k, n);
        if (k > 0) {
            delegate.qr(a, m, n, q, r);
        }
    }

    @Override
    public void cholesky(float[] a, int n, float[] l) {
        String op = "cholesky";
        dims(op, n, n);
        need(op, "a", a, n, n);
        need(op, "l", l, n, n);
        if (n > 0) {
            delegate.cholesky(a, n, l);
        }
    }

    @Override
    public void eigh(float[] a, int n, float[] w, float[] v) {
        String op = "eigh";
        dims(op, n, n);
        need(op, "a", a, n, n);
        need(op, "w", w, 1, n);
        need(op, "v", v, n, n);
        requireFinite(op, a, n, n, true);
        if (n > 0) {
            delegate.eigh(a, n, w, v);
        }
    }

    @Override
    public void triangularSolve(float[] a, int n, float[] b, int k, boolean lower,
            boolean transposeA, float[] out) {
        String op = "triangularSolve";
        dims(op, n, k);
        need(op, "a", a, n, n);
        need(op, "b", b, n, k);
        need(op, "out", out, n, k);
        for (int i = 0; i < n; i++) {
            if (a[i * n + i] == 0f) {
                throw Failures.singularTriangle(n, i);
            }
        }
        if (n > 0 && k > 0) {
            delegate.triangularSolve(a, n, b, k, lower, transposeA, out);
        }
    }

    @Override
    public void leastSquares(float[] a, int m, int n, float[] b, int k, float[] out) {
        String op = "leastSquares";
        dims(op, m, n);
        if (k < 0 || m < n) {
            throw new TensorException(op, "expected a [M, N] with M >= N and b [M, K], got a ["
                    + m + ", " + n + "] and b [" + m + ", " + k + "]");
        }
        need(op, "a", a, m, n);
        need(op, "b", b, m, k);
        need(op, "out", out, n, k);
        if (n > 0 && k > 0) {
            delegate.leastSquares(a, m, n, b, k, out);
        }
    }

    /** Checks the dimensions and returns {@code min(rows, cols)}. */
    private static int dims(String op, int rows, int cols) {
        if (rows < 0 || cols < 0 || (long) rows * cols > Integer.MAX_VALUE) {
            throw new TensorException(op, "invalid matrix shape [" + rows + ", " + cols + "]");
        }
        return Math.min(rows, cols);
    }

    private static void need(String op, String name, float[] array, int rows, int cols) {
        long needed = (long) rows * cols;
        if (array.length < needed) {
            throw new TensorException(op, name + " has " + array.length
                    + " values, expected at least " + needed + " for [" + rows + ", " + cols + "]");
        }
    }

    /**
     * Rejects NaN and infinities, on which the iterative eigen and singular value solvers cannot
     * converge to anything meaningful.
     */
    private static void requireFinite(String op, float[] a, int rows, int cols,
            boolean lowerOnly) {
        for (int i = 0; i < rows; i++) {
            int end = lowerOnly ? i + 1 : cols;
            for (int j = 0; j < end; j++) {
                if (!Float.isFinite(a[i * cols + j])) {
                    throw new TensorException(op, "matrix [" + rows + ", " + cols
                            + "] has a non-finite value at [" + i + ", " + j + "]");
                }
            }
        }
    }

    private static void identity(float[] target, int rows, int cols) {
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                target[i * cols + j] = i == j ? 1f : 0f;
            }
        }
    }
}
