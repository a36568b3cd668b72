package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SPECIES;

import jdk.incubator.vector.FloatVector;

/**
 * The register-blocked inner kernel: one {@code 8 x (2 vectors)} tile of C from eight rows of A and
 * a packed B panel.
 *
 * <p>The sixteen accumulators are separate locals so that C2 keeps them in vector registers; each
 * step of the shared dimension loads two vectors of B, broadcasts eight elements of A and issues
 * sixteen fused multiply-adds. On Zen 4 this shape measured best among 4x3, 4x4, 6x3, 6x4, 7x3,
 * 8x2, 8x3, 12x2, 14x2 and 16x1 (about 88% of one core's FMA peak). The tile is written as
 * {@code C = alpha * acc + beta * C}, and C is not read when {@code beta == 0}.
 *
 * <p>A is read through two strides: element {@code (i, p)} of the tile's rows is at
 * {@code aOffset + i * rowStride + p * step}. A packed panel has {@code rowStride = 1} and
 * {@code step = MR}; rows of an untransposed A read in place have {@code rowStride = lda} and
 * {@code step = 1}, which spares the packing copy when the shared dimension is short (a linear
 * layer of width 64 over many tokens).
 */
final class MicroKernel {
    private static final int LANES = SPECIES.length();

    static {
        if (MR != 8 || NR != 2 * LANES) {
            throw new AssertionError("MicroKernel is written for an 8 x 2-vector tile");
        }
    }

    private MicroKernel() {}

    /**
     * Computes the full tile {@code C[0..MR) x [0..NR)} at {@code c[cOffset]} (row stride
     * {@code ldc}) from {@code depth} steps of A's rows at {@code a[aOffset]} (see the class
     * comment for the strides) and of the B panel at {@code b[bOffset]}.
     */
    static void tile(int depth, float[] a, int aOffset, int rowStride, int step, float[] b,
            int bOffset, float alpha, float beta, float[] c, int cOffset, int ldc) {
        FloatVector c00 = FloatVector.zero(SPECIES); FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES); FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES); FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES); FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES); FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES); FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES); FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES); FloatVector c71 = FloatVector.zero(SPECIES);
        int r1 = rowStride;
        int r2 = 2 * rowStride;
        int r3 = 3 * rowStride;
        int r4 = 4 * rowStride;
        int r5 = 5 * rowStride;
        int r6 = 6 * rowStride;
        int r7 = 7 * rowStride;
        for (int p = 0; p < depth; p++) {
            // Indices derived from p (not separately incremented) let C2 hoist the range checks.
            int ai = aOffset + p * step;
            int bi = bOffset + p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, b, bi + LANES);
            FloatVector a0 = FloatVector.broadcast(SPECIES, a[ai]);
            c00 = a0.fma(b0, c00); c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, a[ai + r1]);
            c10 = a1.fma(b0, c10); c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, a[ai + r2]);
            c20 = a2.fma(b0, c20); c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, a[ai + r3]);
            c30 = a3.fma(b0, c30); c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, a[ai + r4]);
            c40 = a4.fma(b0, c40); c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, a[ai + r5]);
            c50 = a5.fma(b0, c50); c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, a[ai + r6]);
            c60 = a6.fma(b0, c60); c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, a[ai + r7]);
            c70 = a7.fma(b0, c70); c71 = a7.fma(b1, c71);
        }
        int row0 = cOffset;
        Epilogue.store(c00, alpha, beta, c, row0);
        Epilogue.store(c01, alpha, beta, c, row0 + LANES);
        int row1 = cOffset + ldc;
        Epilogue.store(c10, alpha, beta, c, row1);
        Epilogue.store(c11, alpha, beta, c, row1 + LANES);
        int row2 = cOffset + 2 * ldc;
        Epilogue.store(c20, alpha, beta, c, row2);
        Epilogue.store(c21, alpha, beta, c, row2 + LANES);
        int row3 = cOffset + 3 * ldc;
        Epilogue.store(c30, alpha, beta, c, row3);
        Epilogue.store(c31, alpha, beta, c, row3 + LANES);
        int row4 = cOffset + 4 * ldc;
        Epilogue.store(c40, alpha, beta, c, row4);
        Epilogue.store(c41, alpha, beta, c, row4 + LANES);
        int row5 = cOffset + 5 * ldc;
        Epilogue.store(c50, alpha, beta, c, row5);
        Epilogue.store(c51, alpha, beta, c, row5 + LANES);
        int row6 = cOffset + 6 * ldc;
        Epilogue.store(c60, alpha, beta, c, row6);
        Epilogue.store(c61, alpha, beta, c, row6 + LANES);
        int row7 = cOffset + 7 * ldc;
        Epilogue.store(c70, alpha, beta, c, row7);
        Epilogue.store(c71, alpha, beta, c, row7 + LANES);
    }

    /**
     * Computes the left half of a tile, {@code C[0..MR) x [0..LANES)}, from the first vector of
     * each step of the B panel: the same fused multiply-adds in the same order as {@link #tile},
     * at half its work, for a last panel of at most {@code LANES} columns (172 = 5 * 32 + 12).
     */
    static void halfTile(int depth, float[] a, int aOffset, int rowStride, int step, float[] b,
            int bOffset, float alpha, float beta, float[] c, int cOffset, int ldc) {
        FloatVector c0 = FloatVector.zero(SPECIES);
        FloatVector c1 = FloatVector.zero(SPECIES);
        FloatVector c2 = FloatVector.zero(SPECIES);
        FloatVector c3 = FloatVector.zero(SPECIES);
        FloatVector c4 = FloatVector.zero(SPECIES);
        FloatVector c5 = FloatVector.zero(SPECIES);
        FloatVector c6 = FloatVector.zero(SPECIES);
        FloatVector c7 = FloatVector.zero(SPECIES);
        for (int p = 0; p < depth; p++) {
            int ai = aOffset + p * step;
            FloatVector b0 = FloatVector.fromArray(SPECIES, b, bOffset + p * NR);
            c0 = FloatVector.broadcast(SPECIES, a[ai]).fma(b0, c0);
            c1 = FloatVector.broadcast(SPECIES, a[ai + rowStride]).fma(b0, c1);
            c2 = FloatVector.broadcast(SPECIES, a[ai + 2 * rowStride]).fma(b0, c2);
            c3 = FloatVector.broadcast(SPECIES, a[ai + 3 * rowStride]).fma(b0, c3);
            c4 = FloatVector.broadcast(SPECIES, a[ai + 4 * rowStride]).fma(b0, c4);
            c5 = FloatVector.broadcast(SPECIES, a[ai + 5 * rowStride]).fma(b0, c5);
            c6 = FloatVector.broadcast(SPECIES, a[ai + 6 * rowStride]).fma(b0, c6);
            c7 = FloatVector.broadcast(SPECIES, a[ai + 7 * rowStride]).fma(b0, c7);
        }
        Epilogue.store(c0, alpha, beta, c, cOffset);
        Epilogue.store(c1, alpha, beta, c, cOffset + ldc);
        Epilogue.store(c2, alpha, beta, c, cOffset + 2 * ldc);
        Epilogue.store(c3, alpha, beta, c, cOffset + 3 * ldc);
        Epilogue.store(c4, alpha, beta, c, cOffset + 4 * ldc);
        Epilogue.store(c5, alpha, beta, c, cOffset + 5 * ldc);
        Epilogue.store(c6, alpha, beta, c, cOffset + 6 * ldc);
        Epilogue.store(c7, alpha, beta, c, cOffset + 7 * ldc);
    }

    /**
     * Computes a partial tile of {@code rows <= MR} by {@code cols <= NR} elements: the tile (its
     * left half when {@code cols <= LANES}) goes to {@code scratch} (at least {@code MR * NR}
     * floats) and only the valid part is written to C. A must have {@code MR} readable rows (a
     * packed panel is zero-padded).
     */
    static void edgeTile(int depth, float[] a, int aOffset, int rowStride, int step, float[] b,
            int bOffset, float alpha, float beta, float[] c, int cOffset, int ldc, int rows,
            int cols, float[] scratch) {
        if (cols <= LANES) {
            halfTile(depth, a, aOffset, rowStride, step, b, bOffset, alpha, 0f, scratch, 0, NR);
        } else {
            tile(depth, a, aOffset, rowStride, step, b, bOffset, alpha, 0f, scratch, 0, NR);
        }
        for (int i = 0; i < rows; i++) {
            int row = cOffset + i * ldc;
            for (int j = 0; j < cols; j++) {
                Epilogue.store(scratch[i * NR + j], 1f, beta, c, row + j);
            }
        }
    }
}
