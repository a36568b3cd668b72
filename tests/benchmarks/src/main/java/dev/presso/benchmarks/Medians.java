package dev.presso.benchmarks;

import java.util.Arrays;

/** Median wall time of repeated calls after warm-up, the rule the numpy script also follows. */
final class Medians {
    private Medians() {}

    /**
     * Runs {@code body} for warm-up, then {@code reps} timed times.
     *
     * @param reps timed calls, at least 1
     * @param body one call of the operation
     * @return the median time of one call in seconds
     */
    static double seconds(int reps, Runnable body) {
        int warmup = Math.max(2, Math.min(5, reps / 3));
        for (int i = 0; i < warmup; i++) {
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
