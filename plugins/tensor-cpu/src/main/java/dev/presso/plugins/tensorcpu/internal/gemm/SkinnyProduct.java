package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SPECIES;

import dev.presso.plugins.tensorcpu.internal.kernel.Simd;
import jdk.incubator.vector.FloatVector;

/**
 * Products with only a few rows of C (a matrix-vector product at the extreme), where packing B
 * would cost as much as the arithmetic. B is read in place: along its rows with row-times-matrix
 * updates when it is stored {@code k x n}, and as dot products when it is stored transposed
 * ({@code n x k}, the {@code x * W^T} layout). Rows of A are first copied contiguous when A is
 * stored transposed.
 *
 * <p>Two more shapes take this path at any height, since packed panels would mostly hold padding
 * or bookkeeping: shallow products ({@link #isShallow}, e.g. attention scores over a head
 * dimension of 8), where B is made {@code k x n} and each row of C is accumulated in registers,
 * and narrow ones ({@link #isNarrow}, e.g. attention weights times values), computed as dot
 * products with B made {@code n x k}. N tails run scalar with the same fused multiply-adds in the
 * same order as the vector lanes, never through masked loads.
 *
 * <p>Work is split into column strips (and row blocks for the shallow and narrow shapes);
 * {@link #tasks()} and {@link #run(int)} let the caller run them in parallel.
 */
final class SkinnyProduct {
    private static final int LANES = SPECIES.length();
    /** Columns per strip when B is stored {@code k x n}: 2 KiB of each row of B and C. */
    private static final int ROW_STRIP = 512;
    /** Columns per strip when B is stored transposed: four dot products at a time, 16 groups. */
    private static final int DOT_STRIP = 64;
    /** Rows of C per task when every height is accepted ({@link #isShallow}, {@link #isNarrow}). */
    private static final int BLOCK_ROWS = 64;

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
    /** B's data, copied {@code k x n} when shallow and {@code n x k} when computing dots. */
    private final float[] bData;
    private final int bOffset;
    private final int ldb;
    private final boolean shallow;
    /** Whether C is computed as dot products of A's rows with B's columns (B made n x k). */
    private final boolean dots;
    private final int strips;
    private final int rowBlocks;

    /**
     * Whether a product's inner dimension is small enough for {@link SkinnyProduct} to compute it
     * at any height: each row of C is then accumulated in registers from all k rows of B at once.
     */
    static boolean isShallow(int k) {
        return k <= GemmBlocking.SHALLOW_DEPTH;
    }

    /**
     * Whether a product's C is narrow enough for {@link SkinnyProduct} to compute it at any
     * height, as dot products with B's columns (copied contiguous): packing would pad its columns
     * to a full panel.
     */
    static boolean isNarrow(int n) {
        return n <= GemmBlocking.NARROW_WIDTH;
    }

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
        this.shallow = isShallow(k);
        this.dots = !shallow && (b.transposed() || isNarrow(n));
        if (shallow && b.transposed()) {
            this.bData = transpose(b.data(), b.offset(), b.stride(), n, k);
            this.bOffset = 0;
            this.ldb = n;
        } else if (dots && !b.transposed()) {
            this.bData = transpose(b.data(), b.offset(), b.stride(), k, n);
            this.bOffset = 0;
            this.ldb = k;
        } else {
            this.bData = b.data();
            this.bOffset = b.offset();
            this.ldb = b.stride();
        }
        this.strip = dots ? DOT_STRIP : ROW_STRIP;
        this.strips = (n + strip - 1) / strip;
        this.rowBlocks = shallow || dots ? (m + BLOCK_ROWS - 1) / BLOCK_ROWS : 1;
    }

    /** Returns a new {@code cols x rows} row-major copy of a {@code rows x cols} matrix. */
    private static float[] transpose(float[] src, int offset, int stride, int rows, int cols) {
        float[] out = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            int row = offset + r * stride;
            for (int q = 0; q < cols; q++) {
                out[q * rows + r] = src[row + q];
            }
        }
        return out;
    }

    /** Returns the number of tasks: column strips times row blocks. */
    int tasks() {
        return strips * rowBlocks;
    }

    /** Computes the rows of C of one task in its column strip. */
    void run(int task) {
        int j0 = task % strips * strip;
        int j1 = Math.min(n, j0 + strip);
        int i0 = task / strips * BLOCK_ROWS;
        int i1 = rowBlocks == 1 ? m : Math.min(m, i0 + BLOCK_ROWS);
        if (shallow) {
            shallowRows(i0, i1, j0, j1);
        } else if (dots) {
            for (int i = i0; i < i1; i++) {
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
        int jVector = j0 + (j1 - j0) / LANES * LANES;
        int p = 0;
        for (; p + 4 <= k; p += 4) {
            int b0 = bOffset + p * ldb;
            for (int i = 0; i < m; i++) {
                int ai = aOffset + i * lda + p;
                float s0 = alpha * a[ai];
                float s1 = alpha * a[ai + 1];
                float s2 = alpha * a[ai + 2];
                float s3 = alpha * a[ai + 3];
                FloatVector a0 = FloatVector.broadcast(SPECIES, s0);
                FloatVector a1 = FloatVector.broadcast(SPECIES, s1);
                FloatVector a2 = FloatVector.broadcast(SPECIES, s2);
                FloatVector a3 = FloatVector.broadcast(SPECIES, s3);
                int cRow = cOffset + i * ldc;
                for (int j = j0; j < jVector; j += LANES) {
                    FloatVector acc = FloatVector.fromArray(SPECIES, c, cRow + j);
                    acc = a0.fma(FloatVector.fromArray(SPECIES, bData, b0 + j), acc);
                    acc = a1.fma(FloatVector.fromArray(SPECIES, bData, b0 + ldb + j), acc);
                    acc = a2.fma(FloatVector.fromArray(SPECIES, bData, b0 + 2 * ldb + j), acc);
                    acc = a3.fma(FloatVector.fromArray(SPECIES, bData, b0 + 3 * ldb + j), acc);
                    acc.intoArray(c, cRow + j);
                }
                for (int j = jVector; j < j1; j++) {
                    float acc = c[cRow + j];
                    acc = Math.fma(s0, bData[b0 + j], acc);
                    acc = Math.fma(s1, bData[b0 + ldb + j], acc);
                    acc = Math.fma(s2, bData[b0 + 2 * ldb + j], acc);
                    c[cRow + j] = Math.fma(s3, bData[b0 + 3 * ldb + j], acc);
                }
            }
        }
        for (; p < k; p++) {
            int bRow = bOffset + p * ldb;
            for (int i = 0; i < m; i++) {
                float sp = alpha * a[aOffset + i * lda + p];
                FloatVector ap = FloatVector.broadcast(SPECIES, sp);
                int cRow = cOffset + i * ldc;
                for (int j = j0; j < jVector; j += LANES) {
                    ap.fma(FloatVector.fromArray(SPECIES, bData, bRow + j),
                            FloatVector.fromArray(SPECIES, c, cRow + j))
                            .intoArray(c, cRow + j);
                }
                for (int j = jVector; j < j1; j++) {
                    c[cRow + j] = Math.fma(sp, bData[bRow + j], c[cRow + j]);
                }
            }
        }
    }

    /**
     * The shallow case for rows {@code i0..i1}: {@code C[i][j0..j1) = beta * C + sum over p of
     * (alpha * A[i][p]) * B[p][j0..j1)}, accumulated in registers in the same order (and so to
     * the same bits) as {@link #updateStrip}. Pairs of rows share each load of B.
     */
    private void shallowRows(int i0, int i1, int j0, int j1) {
        if (beta != 0f) {
            for (int i = i0; i < i1; i++) {
                scaleStrip(cOffset + i * ldc, j0, j1);
            }
        }
        int block = 4 * LANES;
        int jBlocked = j0 + (j1 - j0) / block * block;
        int i = i0;
        for (; i + 2 <= i1; i += 2) {
            shallowPair(i, j0, jBlocked);
        }
        for (; i < i1; i++) {
            shallowColumns(i, j0, jBlocked);
        }
        for (i = i0; i < i1; i++) {
            shallowColumns(i, jBlocked, j1);
        }
    }

    /**
     * Adds rows i and i + 1 of the shallow product over whole blocks of four vectors (see
     * {@link #start}).
     */
    private void shallowPair(int i, int j0, int j1) {
        int aRow = aOffset + i * lda;
        int c0 = cOffset + i * ldc;
        int c1 = c0 + ldc;
        for (int j = j0; j < j1; j += 4 * LANES) {
            FloatVector acc00 = start(c0 + j);
            FloatVector acc01 = start(c0 + j + LANES);
            FloatVector acc02 = start(c0 + j + 2 * LANES);
            FloatVector acc03 = start(c0 + j + 3 * LANES);
            FloatVector acc10 = start(c1 + j);
            FloatVector acc11 = start(c1 + j + LANES);
            FloatVector acc12 = start(c1 + j + 2 * LANES);
            FloatVector acc13 = start(c1 + j + 3 * LANES);
            int bj = bOffset + j;
            for (int p = 0; p < k; p++, bj += ldb) {
                FloatVector a0 = FloatVector.broadcast(SPECIES, alpha * a[aRow + p]);
                FloatVector a1 = FloatVector.broadcast(SPECIES, alpha * a[aRow + lda + p]);
                FloatVector b0 = FloatVector.fromArray(SPECIES, bData, bj);
                FloatVector b1 = FloatVector.fromArray(SPECIES, bData, bj + LANES);
                FloatVector b2 = FloatVector.fromArray(SPECIES, bData, bj + 2 * LANES);
                FloatVector b3 = FloatVector.fromArray(SPECIES, bData, bj + 3 * LANES);
                acc00 = a0.fma(b0, acc00);
                acc01 = a0.fma(b1, acc01);
                acc02 = a0.fma(b2, acc02);
                acc03 = a0.fma(b3, acc03);
                acc10 = a1.fma(b0, acc10);
                acc11 = a1.fma(b1, acc11);
                acc12 = a1.fma(b2, acc12);
                acc13 = a1.fma(b3, acc13);
            }
            acc00.intoArray(c, c0 + j);
            acc01.intoArray(c, c0 + j + LANES);
            acc02.intoArray(c, c0 + j + 2 * LANES);
            acc03.intoArray(c, c0 + j + 3 * LANES);
            acc10.intoArray(c, c1 + j);
            acc11.intoArray(c, c1 + j + LANES);
            acc12.intoArray(c, c1 + j + 2 * LANES);
            acc13.intoArray(c, c1 + j + 3 * LANES);
        }
    }

    /** Adds row i of the shallow product over columns {@code j0..j1} (see {@link #start}). */
    private void shallowColumns(int i, int j0, int j1) {
        int aRow = aOffset + i * lda;
        int cRow = cOffset + i * ldc;
        int jVector = j0 + (j1 - j0) / LANES * LANES;
        int j = j0;
        for (; j < jVector; j += LANES) {
            FloatVector acc = start(cRow + j);
            int bj = bOffset + j;
            for (int p = 0; p < k; p++, bj += ldb) {
                acc = FloatVector.broadcast(SPECIES, alpha * a[aRow + p])
                        .fma(FloatVector.fromArray(SPECIES, bData, bj), acc);
            }
            acc.intoArray(c, cRow + j);
        }
        for (; j < j1; j++) {
            float acc = beta == 0f ? 0f : c[cRow + j];
            int bj = bOffset + j;
            for (int p = 0; p < k; p++, bj += ldb) {
                acc = Math.fma(alpha * a[aRow + p], bData[bj], acc);
            }
            c[cRow + j] = acc;
        }
    }

    /**
     * Returns the shallow accumulator of {@code C[index ..]}: C already scaled by beta, or zero
     * when beta is 0 (C is then neither scaled nor read: adding to a zeroed C gives the same bits).
     */
    private FloatVector start(int index) {
        return beta == 0f ? FloatVector.zero(SPECIES) : FloatVector.fromArray(SPECIES, c, index);
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
        int kVector = k - k % LANES;
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            int b0 = bOffset + j * ldb;
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
            Epilogue.store((float) Simd.sumLanes(acc0) + tail(aRow, b0, kVector), alpha,
                    beta, c, cRow + j);
            Epilogue.store((float) Simd.sumLanes(acc1) + tail(aRow, b1, kVector), alpha,
                    beta, c, cRow + j + 1);
            Epilogue.store((float) Simd.sumLanes(acc2) + tail(aRow, b2, kVector), alpha,
                    beta, c, cRow + j + 2);
            Epilogue.store((float) Simd.sumLanes(acc3) + tail(aRow, b3, kVector), alpha,
                    beta, c, cRow + j + 3);
        }
        for (; j < j1; j++) {
            int bj = bOffset + j * ldb;
            FloatVector acc = FloatVector.zero(SPECIES);
            for (int p = 0; p < kVector; p += LANES) {
                acc = FloatVector.fromArray(SPECIES, a, aRow + p)
                        .fma(FloatVector.fromArray(SPECIES, bData, bj + p), acc);
            }
            Epilogue.store((float) Simd.sumLanes(acc) + tail(aRow, bj, kVector), alpha,
                    beta, c, cRow + j);
        }
    }

    /** The scalar rest of a dot product, from {@code from} to {@code k}. */
    private float tail(int aRow, int bRow, int from) {
        float sum = 0f;
        for (int p = from; p < k; p++) {
            sum = Math.fma(a[aRow + p], bData[bRow + p], sum);
        }
        return sum;
    }
}
