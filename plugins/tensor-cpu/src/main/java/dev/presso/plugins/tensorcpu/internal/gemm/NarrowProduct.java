package dev.presso.plugins.tensorcpu.internal.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Products whose C is exactly one 256-bit vector wide ({@link #WIDTH} = 8 columns) and whose A is
 * stored untransposed: attention weights times the values of a head of width 8,
 * {@code [rows, S] x [S, 8]}. Each row of C is one vector accumulated in a register, eight rows at
 * a time: every step of the shared dimension loads one row of B and issues eight fused
 * multiply-adds with broadcast elements of A. This needs neither packing nor the horizontal sums
 * of the dot-product form, which at this width cost as much as the arithmetic.
 *
 * <p>B stored transposed ({@code [8, k]}) is first copied {@code k x 8}. Rows of C are split into
 * blocks that {@link #tasks()} and {@link #run(int)} let the caller run in parallel. Each element
 * is {@code alpha * (sum over p in order of A[i][p] * B[p][j]) + beta * C[i][j]}, the sum
 * accumulated with fused multiply-adds.
 */
final class NarrowProduct {
    /** The columns of C this product handles. */
    static final int WIDTH = 8;
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    /** Rows of C accumulated together. */
    private static final int ROWS = 8;
    /** Rows of C per task. */
    private static final int BLOCK_ROWS = 64;

    private final float[] a;
    private final int aOffset;
    private final int lda;
    private final float[] b;
    private final int bOffset;
    private final int ldb;
    private final int m;
    private final int k;
    private final float alpha;
    private final float beta;
    private final float[] c;
    private final int cOffset;
    private final int ldc;

    /**
     * Whether a product takes this path: C {@link #WIDTH} columns wide, A untransposed, and a CPU
     * whose vectors hold at least 8 floats natively.
     */
    static boolean accepts(boolean transA, int n) {
        return n == WIDTH && !transA && GemmBlocking.SPECIES.vectorBitSize() >= SPECIES.vectorBitSize();
    }

    NarrowProduct(Product product) {
        Operand a = product.a();
        Operand b = product.b();
        this.a = a.data();
        this.aOffset = a.offset();
        this.lda = a.stride();
        this.m = product.m();
        this.k = product.k();
        if (b.transposed()) {
            this.b = new float[k * WIDTH];
            this.bOffset = 0;
            this.ldb = WIDTH;
            for (int j = 0; j < WIDTH; j++) {
                int row = b.offset() + j * b.stride();
                for (int p = 0; p < k; p++) {
                    this.b[p * WIDTH + j] = b.data()[row + p];
                }
            }
        } else {
            this.b = b.data();
            this.bOffset = b.offset();
            this.ldb = b.stride();
        }
        this.alpha = product.alpha();
        this.beta = product.beta();
        this.c = product.c();
        this.cOffset = product.cOffset();
        this.ldc = product.ldc();
    }

    /** Returns the number of tasks: blocks of rows of C. */
    int tasks() {
        return (m + BLOCK_ROWS - 1) / BLOCK_ROWS;
    }

    /** Computes one block of rows of C. */
    void run(int task) {
        int i0 = task * BLOCK_ROWS;
        int i1 = Math.min(m, i0 + BLOCK_ROWS);
        int i = i0;
        for (; i + ROWS <= i1; i += ROWS) {
            eightRows(i);
        }
        for (; i < i1; i++) {
            store(oneRow(i), i);
        }
    }

    /** Rows {@code i .. i + 7}, eight accumulators over one pass of B. */
    private void eightRows(int i) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        int a0 = aOffset + i * lda;
        int a1 = a0 + lda;
        int a2 = a1 + lda;
        int a3 = a2 + lda;
        int a4 = a3 + lda;
        int a5 = a4 + lda;
        int a6 = a5 + lda;
        int a7 = a6 + lda;
        for (int p = 0; p < k; p++) {
            FloatVector bp = FloatVector.fromArray(SPECIES, b, bOffset + p * ldb);
            c0 = FloatVector.broadcast(SPECIES, a[a0 + p]).fma(bp, c0);
            c1 = FloatVector.broadcast(SPECIES, a[a1 + p]).fma(bp, c1);
            c2 = FloatVector.broadcast(SPECIES, a[a2 + p]).fma(bp, c2);
            c3 = FloatVector.broadcast(SPECIES, a[a3 + p]).fma(bp, c3);
            c4 = FloatVector.broadcast(SPECIES, a[a4 + p]).fma(bp, c4);
            c5 = FloatVector.broadcast(SPECIES, a[a5 + p]).fma(bp, c5);
            c6 = FloatVector.broadcast(SPECIES, a[a6 + p]).fma(bp, c6);
            c7 = FloatVector.broadcast(SPECIES, a[a7 + p]).fma(bp, c7);
        }
        store(c0, i);
        store(c1, i + 1);
        store(c2, i + 2);
        store(c3, i + 3);
        store(c4, i + 4);
        store(c5, i + 5);
        store(c6, i + 6);
        store(c7, i + 7);
    }

    /** Row {@code i} alone, with the same operations in the same order as {@link #eightRows}. */
    private FloatVector oneRow(int i) {
        FloatVector acc = FloatVector.zero(SPECIES);
        int row = aOffset + i * lda;
        for (int p = 0; p < k; p++) {
            acc = FloatVector.broadcast(SPECIES, a[row + p])
                    .fma(FloatVector.fromArray(SPECIES, b, bOffset + p * ldb), acc);
        }
        return acc;
    }

    /** Writes {@code alpha * acc + beta * C} into row {@code i}, not reading C when beta is 0. */
    private void store(FloatVector acc, int i) {
        int index = cOffset + i * ldc;
        FloatVector scaled = acc.mul(alpha);
        if (beta != 0f) {
            scaled = FloatVector.fromArray(SPECIES, c, index).fma(FloatVector.broadcast(SPECIES, beta), scaled);
        }
        scaled.intoArray(c, index);
    }
}
