package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;
import java.util.Arrays;

/**
 * A recorded sequence of plane rotations, swaps and negations of rows, replayed later in one pass.
 * The rows hold vectors (eigenvectors or singular vectors) whose updates never feed back into the
 * iteration that produces the operations, so many sweeps can be recorded before replaying. The
 * replay walks narrow column tiles, so the touched part of each row stays in cache across all
 * operations, and the workers share the tiles. Rows are separate arrays, which lets the JIT
 * vectorize the rotation loops (it cannot prove two offsets into one array independent).
 */
final class RowOperations {
    /** Columns per tile: {@code n} rows of this many doubles fit in the L2 cache. */
    private static final int TILE = 64;
    /** Operations kept before an automatic replay. */
    private static final int CAPACITY = 1 << 16;
    private static final byte ROTATE = 0;
    private static final byte SWAP = 1;
    private static final byte NEGATE = 2;

    private final double[][] target;
    private final int width;
    private final WorkerPool pool;
    private byte[] kinds = new byte[64];
    private int[] first = new int[64];
    private int[] second = new int[64];
    private double[] cosines = new double[64];
    private double[] sines = new double[64];
    private int count;

    /**
     * @param target the rows the operations apply to, all of the same length
     * @param pool the workers
     */
    RowOperations(double[][] target, WorkerPool pool) {
        this.target = target;
        this.width = target.length == 0 ? 0 : target[0].length;
        this.pool = pool;
    }

    /** Records rows {@code (x, y) <- (c x + s y, c y - s x)}. */
    void rotate(int x, int y, double c, double s) {
        add(ROTATE, x, y, c, s);
    }

    /** Records the exchange of rows {@code x} and {@code y}. */
    void swap(int x, int y) {
        add(SWAP, x, y, 0, 0);
    }

    /** Records {@code x <- -x}. */
    void negate(int x) {
        add(NEGATE, x, x, 0, 0);
    }

    private void add(byte kind, int x, int y, double c, double s) {
        if (count == kinds.length) {
            if (count >= CAPACITY) {
                replay();
            } else {
                int grown = count * 2;
                kinds = Arrays.copyOf(kinds, grown);
                first = Arrays.copyOf(first, grown);
                second = Arrays.copyOf(second, grown);
                cosines = Arrays.copyOf(cosines, grown);
                sines = Arrays.copyOf(sines, grown);
            }
        }
        kinds[count] = kind;
        first[count] = x;
        second[count] = y;
        cosines[count] = c;
        sines[count] = s;
        count++;
    }

    /** Applies the recorded operations in order and forgets them. */
    void replay() {
        int n = count;
        if (n == 0) {
            return;
        }
        ParallelRanges.run(pool, width, 6L * n, (from, to) -> {
            for (int tile = from; tile < to; tile += TILE) {
                replayTile(n, tile, Math.min(to, tile + TILE));
            }
        });
        count = 0;
    }

    private void replayTile(int n, int from, int to) {
        for (int r = 0; r < n; r++) {
            double[] x = target[first[r]];
            double[] y = target[second[r]];
            switch (kinds[r]) {
                case ROTATE -> {
                    double c = cosines[r];
                    double s = sines[r];
                    for (int j = from; j < to; j++) {
                        double xv = x[j];
                        double yv = y[j];
                        x[j] = c * xv + s * yv;
                        y[j] = c * yv - s * xv;
                    }
                }
                case SWAP -> {
                    for (int j = from; j < to; j++) {
                        double t = x[j];
                        x[j] = y[j];
                        y[j] = t;
                    }
                }
                default -> {
                    for (int j = from; j < to; j++) {
                        x[j] = -x[j];
                    }
                }
            }
        }
    }
}
