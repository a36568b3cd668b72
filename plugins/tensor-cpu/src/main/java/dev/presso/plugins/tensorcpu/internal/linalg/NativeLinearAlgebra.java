package dev.presso.plugins.tensorcpu.internal.linalg;

import static java.lang.foreign.ValueLayout.JAVA_FLOAT;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * LAPACK through FFM. LAPACK is column-major, so a row-major {@code [r, c]} buffer is read as the
 * column-major {@code c x r} transpose; each routine is arranged so that this costs no copy where
 * possible (SVD, Cholesky, triangular solve) and one transposition otherwise.
 *
 * <p>Arguments are validated by {@link ValidatingLinearAlgebra}; this class assumes non-empty,
 * well-sized arrays.
 */
final class NativeLinearAlgebra implements DenseLinearAlgebra {
    private static final long ALIGNMENT = 64;

    private final Lapack lapack;
    private final String description;

    NativeLinearAlgebra(Lapack lapack, String description) {
        this.lapack = lapack;
        this.description = description;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public boolean isNative() {
        return true;
    }

    /**
     * Row-major {@code a [m, n]} is column-major {@code a^T [n, m] = U' S VT'}, so
     * {@code a = VT'^T S U'^T}: LAPACK's {@code VT'} is our row-major {@code u} and its {@code U'}
     * our row-major {@code vt}, with no transposition.
     */
    @Override
    public void svd(float[] a, int m, int n, boolean full, float[] u, float[] s, float[] vt) {
        int k = Math.min(m, n);
        int uPrimeCols = full ? n : k;
        int vtPrimeRows = full ? m : k;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = copyIn(arena, a, m * n);
            MemorySegment values = floats(arena, k);
            MemorySegment uPrime = floats(arena, (long) n * uPrimeCols);
            MemorySegment vtPrime = floats(arena, (long) vtPrimeRows * m);
            MemorySegment iwork = arena.allocate(JAVA_INT, 8L * k);
            char jobz = full ? 'A' : 'S';
            MemorySegment query = floats(arena, 1);
            check("svd", m, n, lapack.sgesdd(jobz, n, m, matrix, n, values, uPrime, n, vtPrime,
                    vtPrimeRows, query, -1, iwork));
            int lwork = Lapack.workspaceSize(query);
            MemorySegment work = floats(arena, lwork);
            check("svd", m, n, lapack.sgesdd(jobz, n, m, matrix, n, values, uPrime, n, vtPrime,
                    vtPrimeRows, work, lwork, iwork));
            copyOut(values, s, k);
            copyOut(uPrime, vt, n * uPrimeCols);
            copyOut(vtPrime, u, vtPrimeRows * m);
        }
    }

    @Override
    public void qr(float[] a, int m, int n, float[] q, float[] r) {
        int k = Math.min(m, n);
        float[] columnMajor = new float[m * n];
        Transpose.of(a, m, n, columnMajor);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = copyIn(arena, columnMajor, m * n);
            MemorySegment tau = floats(arena, k);
            MemorySegment query = floats(arena, 1);
            check("qr", m, n, lapack.sgeqrf(m, n, matrix, m, tau, query, -1));
            int lwork = Lapack.workspaceSize(query);
            check("qr", m, n, lapack.sorgqr(m, k, k, matrix, m, tau, query, -1));
            lwork = Math.max(lwork, Lapack.workspaceSize(query));
            MemorySegment work = floats(arena, lwork);
            check("qr", m, n, lapack.sgeqrf(m, n, matrix, m, tau, work, lwork));
            copyOut(matrix, columnMajor, m * n);
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < n; j++) {
                    r[i * n + j] = j >= i ? columnMajor[i + j * m] : 0f;
                }
            }
            check("qr", m, n, lapack.sorgqr(m, k, k, matrix, m, tau, work, lwork));
            copyOut(matrix, columnMajor, m * k);
            Transpose.of(columnMajor, k, m, q);
        }
    }

    /** The row-major lower triangle is the column-major upper one: {@code spotrf('U')}. */
    @Override
    public void cholesky(float[] a, int n, float[] l) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = copyIn(arena, a, n * n);
            int info = lapack.spotrf('U', n, matrix, n);
            if (info > 0) {
                throw Failures.notPositiveDefinite(n, info);
            }
            check("cholesky", n, n, info);
            copyOut(matrix, l, n * n);
        }
        for (int i = 0; i < n; i++) {
            Arrays.fill(l, i * n + i + 1, i * n + n, 0f);
        }
    }

    /** A symmetric matrix is its own transpose; only the eigenvectors need transposing. */
    @Override
    public void eigh(float[] a, int n, float[] w, float[] v) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = copyIn(arena, a, n * n);
            MemorySegment values = floats(arena, n);
            MemorySegment query = floats(arena, 1);
            MemorySegment iquery = arena.allocate(JAVA_INT, 1);
            check("eigh", n, n, lapack.ssyevd('V', 'U', n, matrix, n, values, query, -1, iquery,
                    -1));
            int lwork = Lapack.workspaceSize(query);
            int liwork = Math.max(1, iquery.get(JAVA_INT, 0));
            MemorySegment work = floats(arena, lwork);
            MemorySegment iwork = arena.allocate(JAVA_INT, liwork);
            check("eigh", n, n, lapack.ssyevd('V', 'U', n, matrix, n, values, work, lwork, iwork,
                    liwork));
            copyOut(values, w, n);
            float[] columnMajor = new float[n * n];
            copyOut(matrix, columnMajor, n * n);
            Transpose.of(columnMajor, n, n, v);
        }
    }

    /**
     * {@code op(a) x = b} with row-major {@code x, b} is {@code x^T op(a)^T = b^T} on the
     * column-major views, a right-side {@code strsm} on the column-major {@code c = a^T}.
     */
    @Override
    public void triangularSolve(float[] a, int n, float[] b, int k, boolean lower,
            boolean transposeA, float[] out) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = copyIn(arena, a, n * n);
            MemorySegment rhs = copyIn(arena, b, n * k);
            lapack.strsm('R', lower ? 'U' : 'L', transposeA ? 'T' : 'N', 'N', k, n, 1f, matrix, n,
                    rhs, k);
            copyOut(rhs, out, n * k);
        }
    }

    /**
     * The row-major {@code a [m, n]} is the column-major {@code a^T [n, m]}; {@code sgels('T')}
     * solves the overdetermined {@code min ||(a^T)^T x - b||} on it directly.
     */
    @Override
    public void leastSquares(float[] a, int m, int n, float[] b, int k, float[] out) {
        float[] columnMajor = new float[m * k];
        Transpose.of(b, m, k, columnMajor);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment matrix = copyIn(arena, a, m * n);
            MemorySegment rhs = copyIn(arena, columnMajor, m * k);
            MemorySegment query = floats(arena, 1);
            check("leastSquares", m, n, lapack.sgels('T', n, m, k, matrix, n, rhs, m, query, -1));
            int lwork = Lapack.workspaceSize(query);
            MemorySegment work = floats(arena, lwork);
            int info = lapack.sgels('T', n, m, k, matrix, n, rhs, m, work, lwork);
            if (info > 0) {
                throw Failures.rankDeficient(m, n);
            }
            check("leastSquares", m, n, info);
            double[] diagonal = new double[n];
            for (int i = 0; i < n; i++) {
                diagonal[i] = Math.abs(matrix.getAtIndex(JAVA_FLOAT, (long) i * n + i));
            }
            Failures.requireFullRank(diagonal, m, n);
            copyOut(rhs, columnMajor, m * k);
        }
        Transpose.of(columnMajor, 0, m, k, n, out, 0, k);
    }

    private static void check(String op, int m, int n, int info) {
        if (info < 0) {
            throw new IllegalStateException(op + ": LAPACK rejected argument " + (-info)
                    + " for matrix [" + m + ", " + n + "]");
        }
        if (info > 0) {
            throw Failures.notConverged(op, m, n);
        }
    }

    private static MemorySegment floats(Arena arena, long count) {
        return arena.allocate(JAVA_FLOAT.byteSize() * Math.max(1, count), ALIGNMENT);
    }

    private static MemorySegment copyIn(Arena arena, float[] src, int count) {
        MemorySegment segment = floats(arena, count);
        MemorySegment.copy(src, 0, segment, JAVA_FLOAT, 0, count);
        return segment;
    }

    private static void copyOut(MemorySegment src, float[] dst, int count) {
        MemorySegment.copy(src, JAVA_FLOAT, 0, dst, 0, count);
    }
}
