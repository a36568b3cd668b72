package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.KC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.evenBlock;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.roundUp;

/**
 * The product restricted to a range of C's columns, in two phases of independent tasks.
 *
 * <p>First B's columns are packed, for the whole shared dimension, into one buffer that every
 * task reads ({@link #packTasks()}, {@link #pack(int)}). Then C's column range is cut into
 * blocks of at most {@link GemmBlocking#MC} rows by {@link GemmBlocking#NC} columns, and each
 * block packs its own rows of A and runs the micro-kernel over its tiles
 * ({@link #computeTasks()}, {@link #compute(int, Workspace)}). Blocks write disjoint parts of
 * C, so the tasks of a phase may run in any order and in parallel.
 *
 * <p>Packed B holds one region per depth block {@code [k0, k0 + depth)}, starting at
 * {@code k0 * paddedCols}, made of {@code paddedCols / NR} panels of {@code NR * depth} floats.
 */
final class ColumnPass {
    private static final int PANELS_PER_PACK_TASK = 4;

    private final Operand a;
    private final Operand b;
    private final float[] c;
    private final int cOffset;
    private final int ldc;
    private final int m;
    private final int k;
    private final float alpha;
    private final float beta;
    private final int col0;
    private final int cols;
    private final int paddedCols;
    private final int depthBlock;
    private final int colBlock;
    private final int rowPanels;
    private final int rowBlocks;
    private final float[] packedB;

    /**
     * Plans the pass over columns {@code [col0, col0 + cols)} of C.
     *
     * @param packedB at least {@code k * roundUp(cols, NR)} floats, shared by the tasks
     * @param threads the threads that will run the tasks: the number of C blocks is made a
     *     multiple of it where possible, so that no thread idles at the end
     */
    ColumnPass(Operand a, Operand b, float[] c, int cOffset, int ldc, int m, int k, float alpha,
            float beta, int col0, int cols, float[] packedB, int threads) {
        this.a = a;
        this.b = b;
        this.c = c;
        this.cOffset = cOffset;
        this.ldc = ldc;
        this.m = m;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.col0 = col0;
        this.cols = cols;
        this.paddedCols = roundUp(cols, NR);
        this.depthBlock = evenBlock(k, KC);
        this.colBlock = roundUp(evenBlock(cols, NC), NR);
        this.rowPanels = (m + MR - 1) / MR;
        this.rowBlocks = balancedRowBlocks(m, rowPanels, (cols + colBlock - 1) / colBlock, threads);
        this.packedB = packedB;
    }

    /** Returns the number of B packing tasks. */
    int packTasks() {
        int panels = paddedCols / NR;
        return (panels + PANELS_PER_PACK_TASK - 1) / PANELS_PER_PACK_TASK;
    }

    /** Packs one group of B panels over the whole shared dimension. */
    void pack(int task) {
        int first = task * PANELS_PER_PACK_TASK * NR;
        int width = Math.min(cols - first, PANELS_PER_PACK_TASK * NR);
        for (int k0 = 0; k0 < k; k0 += depthBlock) {
            int depth = Math.min(depthBlock, k - k0);
            PanelPacker.packB(b, k0, depth, col0 + first, width, packedB,
                    k0 * paddedCols + first * depth);
        }
    }

    /** Returns the number of C blocks to compute. */
    int computeTasks() {
        return rowBlocks * ((cols + colBlock - 1) / colBlock);
    }

    /** Computes one block of C, using {@code ws} for its packed rows of A. */
    void compute(int task, Workspace ws) {
        int block = task % rowBlocks;
        int row0 = rowPanels * block / rowBlocks * MR;
        int rows = Math.min(rowPanels * (block + 1) / rowBlocks * MR, m) - row0;
        int first = task / rowBlocks * colBlock;
        int width = Math.min(colBlock, cols - first);
        for (int k0 = 0; k0 < k; k0 += depthBlock) {
            int depth = Math.min(depthBlock, k - k0);
            float blockBeta = k0 == 0 ? beta : 1f;
            PanelPacker.packA(a, row0, rows, k0, depth, ws.packedA);
            int bBase = k0 * paddedCols + first * depth;
            for (int ir = 0; ir < rows; ir += MR) {
                int height = Math.min(MR, rows - ir);
                int cRow = cOffset + (row0 + ir) * ldc + col0 + first;
                for (int jr = 0; jr < width; jr += NR) {
                    int tileCols = Math.min(NR, width - jr);
                    if (height == MR && tileCols == NR) {
                        MicroKernel.tile(depth, ws.packedA, ir * depth, packedB,
                                bBase + jr * depth, alpha, blockBeta, c, cRow + jr, ldc);
                    } else {
                        MicroKernel.edgeTile(depth, ws.packedA, ir * depth, packedB,
                                bBase + jr * depth, alpha, blockBeta, c, cRow + jr, ldc, height,
                                tileCols, ws.edge);
                    }
                }
            }
        }
    }

    /**
     * Returns how many row blocks to cut C into: enough that none exceeds
     * {@link GemmBlocking#MC} rows, and more if that makes the block count a multiple of the
     * threads. Blocks are whole MR-row panels, spread evenly.
     */
    private static int balancedRowBlocks(int m, int panels, int colBlocks, int threads) {
        int blocks = (m + MC - 1) / MC;
        while ((long) blocks * colBlocks % threads != 0 && blocks < panels) {
            blocks++;
        }
        return blocks;
    }
}
