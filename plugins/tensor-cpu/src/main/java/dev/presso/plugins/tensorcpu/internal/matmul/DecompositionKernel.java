package dev.presso.plugins.tensorcpu.internal.matmul;

import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.linalg.DenseLinearAlgebra;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/** Checks the shapes of the decompositions and solvers and hands them to the linear algebra. */
public final class DecompositionKernel {
    private final KernelContext context;
    private final DenseLinearAlgebra linalg;

    /** Creates the kernel. */
    public DecompositionKernel(KernelContext context, DenseLinearAlgebra linalg) {
        this.context = context;
        this.linalg = linalg;
    }

    /** Returns the linear algebra implementation in use. */
    public DenseLinearAlgebra linearAlgebra() {
        return linalg;
    }

    /** {@code a = u diag(s) vt}, thin or full. */
    public void svd(DeviceArray a, boolean full, DeviceArray u, DeviceArray s, DeviceArray vt) {
        CpuArray ca = matrix("svd", "a", a);
        int m = Checks.dim(ca, 0);
        int n = Checks.dim(ca, 1);
        int k = Math.min(m, n);
        String why = (full ? "full" : "thin") + " SVD of a " + ca.shape();
        CpuArray cu = output("svd", "u", u, Shape.of(m, full ? m : k), why, ca);
        CpuArray cs = output("svd", "s", s, Shape.of(k), why, ca, cu);
        CpuArray cv = output("svd", "vt", vt, Shape.of(full ? n : k, n), why, ca, cu, cs);
        linalg.svd(ca.floats(), m, n, full, cu.floats(), cs.floats(), cv.floats());
    }

    /** Thin {@code a = q r}. */
    public void qr(DeviceArray a, DeviceArray q, DeviceArray r) {
        CpuArray ca = matrix("qr", "a", a);
        int m = Checks.dim(ca, 0);
        int n = Checks.dim(ca, 1);
        int k = Math.min(m, n);
        String why = "thin QR of a " + ca.shape();
        CpuArray cq = output("qr", "q", q, Shape.of(m, k), why, ca);
        CpuArray cr = output("qr", "r", r, Shape.of(k, n), why, ca, cq);
        linalg.qr(ca.floats(), m, n, cq.floats(), cr.floats());
    }

    /** {@code a = l l^T}. */
    public void cholesky(DeviceArray a, DeviceArray l) {
        CpuArray ca = square("cholesky", a);
        int n = Checks.dim(ca, 0);
        CpuArray cl = output("cholesky", "l", l, ca.shape(), "the shape of a", ca);
        linalg.cholesky(ca.floats(), n, cl.floats());
    }

    /** {@code a = v diag(w) v^T}, eigenvalues ascending. */
    public void eigh(DeviceArray a, DeviceArray w, DeviceArray v) {
        CpuArray ca = square("eigh", a);
        int n = Checks.dim(ca, 0);
        CpuArray cw = output("eigh", "w", w, Shape.of(n), "one eigenvalue per row of a", ca);
        CpuArray cv = output("eigh", "v", v, ca.shape(), "the shape of a", ca, cw);
        linalg.eigh(ca.floats(), n, cw.floats(), cv.floats());
    }

    /** Solves {@code op(a) x = b} for triangular {@code a}. */
    public void triangularSolve(DeviceArray a, DeviceArray b, boolean lower, boolean transposeA,
            DeviceArray out) {
        CpuArray ca = square("triangularSolve", a);
        int n = Checks.dim(ca, 0);
        CpuArray cb = matrix("triangularSolve", "b", b);
        if (cb.shape().dim(0) != n) {
            throw new TensorException("triangularSolve", "a is " + ca.shape() + " and b is "
                    + cb.shape() + "; expected b with " + n + " rows");
        }
        CpuArray co = output("triangularSolve", "out", out, cb.shape(), "the shape of b", ca, cb);
        linalg.triangularSolve(ca.floats(), n, cb.floats(), Checks.dim(cb, 1), lower, transposeA,
                co.floats());
    }

    /** Least squares {@code argmin ||a x - b||}. */
    public void leastSquares(DeviceArray a, DeviceArray b, DeviceArray out) {
        CpuArray ca = matrix("leastSquares", "a", a);
        CpuArray cb = matrix("leastSquares", "b", b);
        int m = Checks.dim(ca, 0);
        int n = Checks.dim(ca, 1);
        if (m < n || cb.shape().dim(0) != m) {
            throw new TensorException("leastSquares", "a is " + ca.shape() + " and b is "
                    + cb.shape() + "; expected a [M, N] with M >= N and b with M rows");
        }
        int k = Checks.dim(cb, 1);
        CpuArray co = output("leastSquares", "out", out, Shape.of(n, k),
                "[N, K] for a " + ca.shape() + " and b " + cb.shape(), ca, cb);
        linalg.leastSquares(ca.floats(), m, n, cb.floats(), k, co.floats());
    }

    private CpuArray matrix(String op, String role, DeviceArray array) {
        CpuArray c = context.f32(op, role, array);
        Checks.requireRank(op, role, c, 2);
        return c;
    }

    private CpuArray square(String op, DeviceArray array) {
        CpuArray c = matrix(op, "a", array);
        if (c.shape().dim(0) != c.shape().dim(1)) {
            throw new TensorException(op, "a is " + c.shape() + "; expected a square matrix");
        }
        return c;
    }

    private CpuArray output(String op, String role, DeviceArray array, Shape expected,
            String reason, CpuArray... others) {
        CpuArray c = context.f32(op, role, array);
        Checks.requireShape(op, role, c, expected, reason);
        Checks.requireNoAlias(op, c, others);
        return c;
    }
}
