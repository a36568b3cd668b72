package dev.presso.benchmarks;

import java.util.Arrays;

/**
 * Median wall time of repeated calls after warm-up. Java warms up for at least
 * {@link #WARMUP_NANOS} and at least as many calls as the numpy script (which has no JIT to warm
 * up), so that the timed calls run the JIT-compiled kernels.
 */
final class Medians {
    /** The least warm-up time per case. */
    static final long WARMUP_NANOS = 1_500_000_000L;

    private Medians() {}

    /**
     * Runs {@code body} for warm-up, then {@code reps} timed times.
     *
     * @param reps timed calls, at least 1
     * @param body one call of the operation
     * @return the median time of one call in seconds
     */
    static double seconds(int reps, Runnable body) {
        int warmupCalls = Math.max(2, Math.min(3, reps / 3));
        long warmupStart = System.nanoTime();
        for (int i = 0; i < warmupCalls || System.nanoTime() - warmupStart < WARMUP_NANOS; i++) {
            body.run();
        }
        double[] times = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            body.run();
            times[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(times);
        return times[reps / 2];
    }
}
