package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SPECIES;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Products with only a few rows of C (a matrix-vector product at the extreme), where packing B
 * would cost as much as the arithmetic. B is read in place: along its rows with row-times-matrix
 * updates when it is stored {@code k x n}, and as dot products when it is stored transposed
 * ({@code n x k}, the {@code x * W^T} layout). Rows of A are first copied contiguous when A is
 * stored transposed.
 *
 * <p>Work is split into column strips; {@link #tasks()} and {@link #run(int)} let the caller
 * run the strips in parallel.
 */
final class SkinnyProduct {
    private static final int LANES = SPECIES.length();
    /** Columns per strip when B is stored {@code k x n}: 2 KiB of each row of B and C. */
    private static final int ROW_STRIP = 512;
    /** Columns per strip when B is stored transposed: four dot products at a time, 16 groups. */
    private static final int DOT_STRIP = 64;

    private final float[] a;
    private final int aOffset;
    private final int lda;
    private final Operand b;
    private final int m;
    private final int n;
    private final int k;
    private final float alpha;
    private final float beta;
    private final float[] c;
    private final int cOffset;
    private final int ldc;
    private final int strip;

    SkinnyProduct(Product product) {
        Operand a = product.a();
        int m = product.m();
        int k = product.k();
        if (a.transposed()) {
            this.a = new float[m * k];
            this.aOffset = 0;
            this.lda = k;
            for (int p = 0; p < k; p++) {
                for (int i = 0; i < m; i++) {
                    this.a[i * k + p] = a.data()[a.offset() + p * a.stride() + i];
                }
            }
        } else {
            this.a = a.data();
            this.aOffset = a.offset();
            this.lda = a.stride();
        }
        this.b = product.b();
        this.m = m;
        this.n = product.n();
        this.k = k;
        this.alpha = product.alpha();
        this.beta = product.beta();
        this.c = product.c();
        this.cOffset = product.cOffset();
        this.ldc = product.ldc();
        this.strip = b.transposed() ? DOT_STRIP : ROW_STRIP;
    }

    /** Returns the number of column strips. */
    int tasks() {
        return (n + strip - 1) / strip;
    }

    /** Computes every row of C in one column strip. */
    void run(int task) {
        int j0 = task * strip;
        int j1 = Math.min(n, j0 + strip);
        if (b.transposed()) {
            for (int i = 0; i < m; i++) {
                dotRow(i, j0, j1);
            }
        } else {
            updateStrip(j0, j1);
        }
    }

    /**
     * {@code C[:, j0..j1) = alpha * A * B[:, j0..j1) + beta * C} for B stored {@code k x n}: B's
     * rows are streamed in order, four at a time, into C's strip, which stays in L1.
     */
    private void updateStrip(int j0, int j1) {
        for (int i = 0; i < m; i++) {
            scaleStrip(cOffset + i * ldc, j0, j1);
        }
        float[] bData = b.data();
        int ldb = b.stride();
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            int b0 = b.offset() + p * ldb;
            for (int i = 0; i < m; i++) {
                int ai = aOffset + i * lda + p;
                FloatVector a0 = FloatVector.broadcast(SPECIES, alpha * a[ai]);
                FloatVector a1 = FloatVector.broadcast(SPECIES, alpha * a[ai + 1]);
                FloatVector a2 = FloatVector.broadcast(SPECIES, alpha * a[ai + 2]);
                FloatVector a3 = FloatVector.broadcast(SPECIES, alpha * a[ai + 3]);
                int cRow = cOffset + i * ldc;
                for (int j = j0; j < j1; j += LANES) {
                    VectorMask<Float> lanes = SPECIES.indexInRange(j, j1);
                    FloatVector acc = FloatVector.fromArray(SPECIES, c, cRow + j, lanes);
                    acc = a0.fma(FloatVector.fromArray(SPECIES, bData, b0 + j, lanes), acc);
                    acc = a1.fma(FloatVector.fromArray(SPECIES, bData, b0 + ldb + j, lanes), acc);
                    acc = a2.fma(FloatVector.fromArray(SPECIES, bData, b0 + 2 * ldb + j, lanes),
                            acc);
                    acc = a3.fma(FloatVector.fromArray(SPECIES, bData, b0 + 3 * ldb + j, lanes),
                            acc);
                    acc.intoArray(c, cRow + j, lanes);
                }
            }
        }
        for (; p < k; p++) {
            int bRow = b.offset() + p * ldb;
            for (int i = 0; i < m; i++) {
                FloatVector ap = FloatVector.broadcast(SPECIES, alpha * a[aOffset + i * lda + p]);
                int cRow = cOffset + i * ldc;
                for (int j = j0; j < j1; j += LANES) {
                    VectorMask<Float> lanes = SPECIES.indexInRange(j, j1);
                    ap.fma(FloatVector.fromArray(SPECIES, bData, bRow + j, lanes),
                            FloatVector.fromArray(SPECIES, c, cRow + j, lanes))
                            .intoArray(c, cRow + j, lanes);
                }
            }
        }
    }

    /** Sets {@code C[row][j0..j1)} to {@code beta} times itself, or to zero when beta is 0. */
    private void scaleStrip(int row, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            c[row + j] = beta == 0f ? 0f : beta * c[row + j];
        }
    }

    /** {@code C[i][j] = alpha * dot(A[i][:], Bt[j][:]) + beta * C[i][j]}, B stored n x k. */
    private void dotRow(int i, int j0, int j1) {
        int aRow = aOffset + i * lda;
        int cRow = cOffset + i * ldc;
        float[] bData = b.data();
        int ldb = b.stride();
        int kVector = k - k % LANES;
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int b0 = b.offset() + j * ldb;
            int b1 = b0 + ldb;
            int b2 = b1 + ldb;
            int b3 = b2 + ldb;
            FloatVector acc0 = FloatVector.zero(SPECIES);
            FloatVector acc1 = FloatVector.zero(SPECIES);
            FloatVector acc2 = FloatVector.zero(SPECIES);
            FloatVector acc3 = FloatVector.zero(SPECIES);
            for (int p = 0; p < kVector; p += LANES) {
                FloatVector ap = FloatVector.fromArray(SPECIES, a, aRow + p);
                acc0 = ap.fma(FloatVector.fromArray(SPECIES, bData, b0 + p), acc0);
                acc1 = ap.fma(FloatVector.fromArray(SPECIES, bData, b1 + p), acc1);
                acc2 = ap.fma(FloatVector.fromArray(SPECIES, bData, b2 + p), acc2);
                acc3 = ap.fma(FloatVector.fromArray(SPECIES, bData, b3 + p), acc3);
            }
            Epilogue.store(acc0.reduceLanes(VectorOperators.ADD) + tail(aRow, b0, kVector), alpha,
                    beta, c, cRow + j);
            Epilogue.store(acc1.reduceLanes(VectorOperators.ADD) + tail(aRow, b1, kVector), alpha,
                    beta, c, cRow + j + 1);
            Epilogue.store(acc2.reduceLanes(VectorOperators.ADD) + tail(aRow, b2, kVector), alpha,
                    beta, c, cRow + j + 2);
            Epilogue.store(acc3.reduceLanes(VectorOperators.ADD) + tail(aRow, b3, kVector), alpha,
                    beta, c, cRow + j + 3);
        }
        for (; j < j1; j++) {
            int bj = b.offset() + j * ldb;
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int p = 0; p < kVector; p += LANES) {
                acc = FloatVector.fromArray(SPECIES, a, aRow + p)
                        .fma(FloatVector.fromArray(SPECIES, bData, bj + p), acc);
            }
            Epilogue.store(acc.reduceLanes(VectorOperators.ADD) + tail(aRow, bj, kVector), alpha,
                    beta, c, cRow + j);
        }
    }

    /** The scalar rest of a dot product, from {@code from} to {@code k}. */
    private float tail(int aRow, int bRow, int from) {
        float sum = 0f;
        for (int p = from; p < k; p++) {
            sum = Math.fma(a[aRow + p], b.data()[bRow + p], sum);
        }
        return sum;
    }
}
