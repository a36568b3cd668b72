package com.example.presso.kmeans.internal;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-dimensional k-means: k-means++ seeding, then Lloyd iterations, on a slice of values.
 * Everything depends only on the values and the seed.
 */
final class Lloyd {
    private Lloyd() {}

    /**
     * Learns {@code k} centroids for {@code values[from, to)}.
     *
     * @param values the values
     * @param from the first index of the slice
     * @param to one past its last index, greater than {@code from}
     * @param k the number of centroids, at least 1
     * @param iterations the most Lloyd iterations
     * @param seed the seed of the k-means++ draws
     * @return the centroids rounded to F16, in ascending order (repeated when the slice has fewer
     *     distinct values than {@code k})
     */
    static float[] centroids(float[] values, int from, int to, int k, int iterations, long seed) {
        float[] centroids = seed(values, from, to, k, new SplittableRandom(seed));
        int[] assignment = new int[to - from];
        Arrays.fill(assignment, -1);
        double[] sums = new double[k];
        int[] counts = new int[k];
        for (int iteration = 0; iteration < iterations; iteration++) {
            boolean changed = false;
            Arrays.fill(sums, 0);
            Arrays.fill(counts, 0);
            for (int i = from; i < to; i++) {
                int c = nearest(centroids, values[i]);
                changed |= assignment[i - from] != c;
                assignment[i - from] = c;
                sums[c] += values[i];
                counts[c]++;
            }
            if (!changed) {
                break;
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] > 0) {
                    centroids[c] = (float) (sums[c] / counts[c]);
                }
            }
        }
        for (int c = 0; c < k; c++) {
            centroids[c] = Float.float16ToFloat(Float.floatToFloat16(centroids[c]));
        }
        Arrays.sort(centroids);
        return centroids;
    }

    /**
     * Returns the index of the centroid nearest to a value, the lowest index on a tie.
     *
     * @param centroids the centroids
     * @param value the value
     * @return the index
     */
    static int nearest(float[] centroids, float value) {
        int best = 0;
        float bestDistance = Math.abs(value - centroids[0]);
        for (int c = 1; c < centroids.length; c++) {
            float distance = Math.abs(value - centroids[c]);
            if (distance < bestDistance) {
                best = c;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** k-means++: the first centroid uniformly, each next one with probability proportional to D^2. */
    private static float[] seed(float[] values, int from, int to, int k, SplittableRandom random) {
        int n = to - from;
        float[] centroids = new float[k];
        centroids[0] = values[from + random.nextInt(n)];
        double[] distances = new double[n];
        for (int i = 0; i < n; i++) {
            double d = values[from + i] - centroids[0];
            distances[i] = d * d;
        }
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (double d : distances) {
                total += d;
            }
            if (total == 0) {
                centroids[c] = centroids[c - 1];
                continue;
            }
            double target = random.nextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++) {
                target -= distances[i];
                if (target < 0) {
                    chosen = i;
                    break;
                }
            }
            centroids[c] = values[from + chosen];
            for (int i = 0; i < n; i++) {
                double d = values[from + i] - centroids[c];
                distances[i] = Math.min(distances[i], d * d);
            }
        }
        return centroids;
    }
}
