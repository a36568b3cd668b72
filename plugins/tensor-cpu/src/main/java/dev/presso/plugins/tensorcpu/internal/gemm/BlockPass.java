package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.DIRECT_A_DEPTH;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.evenBlock;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.roundUp;

/**
 * The contribution of one block of the shared dimension, {@code [k0, k0 + depth)}, to a range
 * of C's columns, {@code [col0, col0 + cols)}, in two phases of independent tasks.
 *
 * <p>First that block of B is packed into a buffer that every task reads and that stays in the
 * last-level cache ({@link #packTasks()}, {@link #pack(int)}). Then the columns are cut into
 * blocks of at most {@link GemmBlocking#MC} rows by {@link GemmBlocking#NC} columns, and each
 * block packs its own rows of A (or reads them in place, see {@link #compute}) and runs the
 * micro-kernel over its tiles
 * ({@link #computeTasks()}, {@link #compute(int, Workspace)}). Blocks write disjoint parts of
 * C, so the tasks of a phase may run in any order and in parallel. The first pass over a column
 * range applies {@code beta}; later passes accumulate.
 */
final class BlockPass {
    private static final int PANELS_PER_PACK_TASK = 4;

    private final Product p;
    private final int k0;
    private final int depth;
    private final float beta;
    private final int col0;
    private final int cols;
    private final int colBlock;
    private final int rowPanels;
    private final int rowBlocks;
    private final float[] packedB;

    /**
     * Plans the pass.
     *
     * @param packedB at least {@code depth * roundUp(cols, NR)} floats, shared by the tasks
     * @param threads the threads that will run the tasks: the number of C blocks is made a
     *     multiple of it where possible, so that no thread idles at the end
     */
    BlockPass(Product p, int k0, int depth, int col0, int cols, float[] packedB, int threads) {
        this.p = p;
        this.k0 = k0;
        this.depth = depth;
        this.beta = k0 == 0 ? p.beta() : 1f;
        this.col0 = col0;
        this.cols = cols;
        this.colBlock = roundUp(evenBlock(cols, NC), NR);
        this.rowPanels = (p.m() + MR - 1) / MR;
        this.rowBlocks = balancedRowBlocks(p.m(), rowPanels, (cols + colBlock - 1) / colBlock,
                threads);
        this.packedB = packedB;
    }

    /** Returns the number of B packing tasks. */
    int packTasks() {
        int panels = (cols + NR - 1) / NR;
        return (panels + PANELS_PER_PACK_TASK - 1) / PANELS_PER_PACK_TASK;
    }

    /** Packs one group of B panels. */
    void pack(int task) {
        int first = task * PANELS_PER_PACK_TASK * NR;
        int width = Math.min(cols - first, PANELS_PER_PACK_TASK * NR);
        PanelPacker.packB(p.b(), k0, depth, col0 + first, width, packedB, first * depth);
    }

    /** Returns the number of C blocks to compute. */
    int computeTasks() {
        return rowBlocks * ((cols + colBlock - 1) / colBlock);
    }

    /**
     * Computes one block of C. Rows of A are packed into {@code ws} first, unless A is stored
     * untransposed and the block is shallow ({@link GemmBlocking#DIRECT_A_DEPTH}): then the
     * micro-kernel reads whole panels of rows in place and only a partial last panel is packed.
     */
    void compute(int task, Workspace ws) {
        int block = task % rowBlocks;
        int row0 = firstPanel(block) * MR;
        int rows = Math.min(firstPanel(block + 1) * MR, p.m()) - row0;
        int first = task / rowBlocks * colBlock;
        int width = Math.min(colBlock, cols - first);
        Operand a = p.a();
        boolean direct = !a.transposed() && depth <= DIRECT_A_DEPTH;
        if (!direct) {
            PanelPacker.packA(a, row0, rows, k0, depth, ws.packedA);
        }
        float[] c = p.c();
        int ldc = p.ldc();
        for (int ir = 0; ir < rows; ir += MR) {
            int height = Math.min(MR, rows - ir);
            boolean inPlace = direct && height == MR;
            if (direct && !inPlace) {
                PanelPacker.packA(a, row0 + ir, height, k0, depth, ws.packedA);
            }
            float[] aData = inPlace ? a.data() : ws.packedA;
            int aOffset = inPlace ? a.offset() + (row0 + ir) * a.stride() + k0 : direct ? 0 : ir * depth;
            int rowStride = inPlace ? a.stride() : 1;
            int step = inPlace ? 1 : MR;
            int cRow = p.cOffset() + (row0 + ir) * ldc + col0 + first;
            for (int jr = 0; jr < width; jr += NR) {
                int tileCols = Math.min(NR, width - jr);
                int bOffset = (first + jr) * depth;
                if (height == MR && tileCols == NR) {
                    MicroKernel.tile(depth, aData, aOffset, rowStride, step, packedB, bOffset,
                            p.alpha(), beta, c, cRow + jr, ldc);
                } else {
                    MicroKernel.edgeTile(depth, aData, aOffset, rowStride, step, packedB, bOffset,
                            p.alpha(), beta, c, cRow + jr, ldc, height, tileCols, ws.edge);
                }
            }
        }
    }

    /** Returns the first MR-row panel of a row block; blocks differ by at most one panel. */
    private int firstPanel(int block) {
        return (int) ((long) rowPanels * block / rowBlocks);
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
