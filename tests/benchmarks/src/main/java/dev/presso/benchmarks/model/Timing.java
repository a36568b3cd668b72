package dev.presso.benchmarks.model;

import java.util.Arrays;

/** The median wall time of repeated runs of a body, after warm-up runs that let the JIT compile it. */
final class Timing {
    private Timing() {}

    /**
     * Runs {@code body} {@code warmup} times untimed, then {@code reps} times timed.
     *
     * @param warmup untimed runs
     * @param reps timed runs, at least 1
     * @param body one run
     * @return the median seconds of one timed run
     */
    static double medianSeconds(int warmup, int reps, Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        double[] seconds = new double[reps];
        for (int i = 0; i < reps; i++) {
            long start = System.nanoTime();
            body.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[reps / 2];
    }
}
