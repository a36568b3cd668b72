package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.SPECIES;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;

/**
 * Copies blocks of the operands into the contiguous panel layout the micro-kernel reads,
 * resolving transposition on the way and zero-padding partial panels.
 *
 * <p>An A panel holds {@link GemmBlocking#MR} rows of {@code op(A)}: element {@code (i, p)} of
 * the panel is at {@code p * MR + i}. A B panel holds {@link GemmBlocking#NR} columns of
 * {@code op(B)}: element {@code (p, j)} is at {@code p * NR + j}. Consecutive panels follow each
 * other.
 */
final class PanelPacker {
    private static final int LANES = SPECIES.length();

    private PanelPacker() {}

    /**
     * Packs the block {@code op(A)[row0 .. row0+rows) x [k0 .. k0+depth)} into
     * {@code ceil(rows / MR)} panels of {@code MR * depth} floats starting at {@code dst[0]}.
     */
    static void packA(Operand a, int row0, int rows, int k0, int depth, float[] dst) {
        for (int panel = 0; panel * MR < rows; panel++) {
            int height = Math.min(MR, rows - panel * MR);
            int base = panel * MR * depth;
            if (height < MR) {
                Arrays.fill(dst, base, base + MR * depth, 0f);
            }
            int firstRow = row0 + panel * MR;
            if (a.transposed()) {
                copyStoredRows(a, firstRow, height, k0, depth, dst, base, MR);
            } else {
                gatherStoredRows(a, firstRow, height, k0, depth, dst, base, MR);
            }
        }
    }

    /**
     * Packs the block {@code op(B)[k0 .. k0+depth) x [col0 .. col0+cols)} into
     * {@code ceil(cols / NR)} panels of {@code NR * depth} floats starting at
     * {@code dst[dstOffset]}.
     */
    static void packB(Operand b, int k0, int depth, int col0, int cols, float[] dst,
            int dstOffset) {
        for (int panel = 0; panel * NR < cols; panel++) {
            int width = Math.min(NR, cols - panel * NR);
            int base = dstOffset + panel * NR * depth;
            if (width < NR) {
                Arrays.fill(dst, base, base + NR * depth, 0f);
            }
            int firstCol = col0 + panel * NR;
            if (b.transposed()) {
                gatherStoredRows(b, firstCol, width, k0, depth, dst, base, NR);
            } else {
                copyStoredRows(b, firstCol, width, k0, depth, dst, base, NR);
            }
        }
    }

    /**
     * Gathers {@code count} stored rows, each read along {@code depth} contiguous elements, into
     * the interleaved panel layout with the given panel width: a transposing copy.
     */
    private static void gatherStoredRows(Operand x, int first, int count, int k0, int depth,
            float[] dst, int base, int width) {
        float[] src = x.data();
        for (int r = 0; r < count; r++) {
            int from = x.offset() + (first + r) * x.stride() + k0;
            int to = base + r;
            for (int p = 0; p < depth; p++) {
                dst[to + p * width] = src[from + p];
            }
        }
    }

    /**
     * Copies {@code depth} stored rows, each contributing {@code count} contiguous elements, into
     * the panel layout with the given panel width: a straight copy, by whole vectors where the
     * panel is full.
     */
    private static void copyStoredRows(Operand x, int first, int count, int k0, int depth,
            float[] dst, int base, int width) {
        float[] src = x.data();
        int from = x.offset() + k0 * x.stride() + first;
        if (count == width && width % LANES == 0) {
            for (int p = 0; p < depth; p++) {
                int row = from + p * x.stride();
                int to = base + p * width;
                for (int j = 0; j < width; j += LANES) {
                    FloatVector.fromArray(SPECIES, src, row + j).intoArray(dst, to + j);
                }
            }
            return;
        }
        for (int p = 0; p < depth; p++) {
            System.arraycopy(src, from + p * x.stride(), dst, base + p * width, count);
        }
    }
}
