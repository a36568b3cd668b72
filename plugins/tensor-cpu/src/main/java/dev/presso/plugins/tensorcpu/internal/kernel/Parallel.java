package dev.presso.plugins.tensorcpu.internal.kernel;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/** Splits index ranges into contiguous chunks for the worker pool, small ranges inline. */
public final class Parallel {
    private static final int CHUNKS_PER_THREAD = 4;

    private final WorkerPool pool;

    /** Wraps a pool. */
    public Parallel(WorkerPool pool) {
        this.pool = pool;
    }

    /** Returns the total parallelism. */
    public int threads() {
        return pool.threads();
    }

    /** Returns the pool, for kernels that schedule their own tasks. */
    public WorkerPool pool() {
        return pool;
    }

    /**
     * Runs {@code body} over {@code [0, count)} in contiguous ranges of at least {@code grain}
     * items; a single range runs on the caller.
     */
    public void forRange(int count, int grain, RangeBody body) {
        long chunks = Math.min((long) pool.threads() * CHUNKS_PER_THREAD,
                count / Math.max(1L, grain));
        if (chunks <= 1 || pool.threads() == 1) {
            body.run(0, count);
            return;
        }
        int n = (int) chunks;
        pool.parallelFor(n, c -> body.run((int) ((long) count * c / n),
                (int) ((long) count * (c + 1) / n)));
    }

    /**
     * Runs {@code body} over {@code rows} rows of {@code rowLength} elements each, in parallel
     * when there are more than {@code grainElements} elements.
     */
    public void forRows(int rows, int rowLength, int grainElements, RangeBody body) {
        forRange(rows, Math.max(1, grainElements / Math.max(1, rowLength)), body);
    }

    /** A loop body over {@code [from, to)}. */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes items {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }
}
