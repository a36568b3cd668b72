package dev.presso.plugins.tensorcpu.internal.linalg;

import dev.presso.plugins.tensorcpu.internal.parallel.WorkerPool;

/** Splits an index range over the workers when the work is large enough to pay for it. */
final class ParallelRanges {
    /** Roughly the flops below which one thread does the whole range. */
    private static final long MIN_PARALLEL_WORK = 1L << 16;

    /** The body of one contiguous part of the range. */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    private ParallelRanges() {
    }

    /**
     * Runs {@code body} over {@code [0, count)} in contiguous parts, at most one per worker.
     *
     * @param pool the workers
     * @param count the range length
     * @param workPerItem an estimate of the flops per index, to decide whether to split
     * @param body the part body
     */
    static void run(WorkerPool pool, int count, long workPerItem, Range body) {
        long work = (long) count * Math.max(1, workPerItem);
        int parts = (int) Math.min(Math.min(pool.threads(), count), Math.max(1, work / MIN_PARALLEL_WORK));
        if (parts <= 1) {
            body.run(0, count);
            return;
        }
        pool.parallelFor(parts, p -> body.run((int) ((long) p * count / parts),
                (int) ((long) (p + 1) * count / parts)));
    }
}
