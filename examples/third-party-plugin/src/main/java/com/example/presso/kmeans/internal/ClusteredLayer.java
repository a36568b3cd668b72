package com.example.presso.kmeans.internal;

import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;

/**
 * A layer whose weights are clustered: per row and group, {@code 2^bits} centroids (F16 values,
 * ascending) and for every weight the index of its centroid.
 *
 * @param bits the code width
 * @param grouping how rows are split into groups
 * @param outFeatures the number of rows
 * @param codes the centroid index of every weight, row-major {@code [out, in]}
 * @param centroids the centroids, row-major {@code [out, groups * 2^bits]}
 */
record ClusteredLayer(int bits, Grouping grouping, int outFeatures, int[] codes, float[] centroids) {
    /**
     * Clusters a weight, group by group.
     *
     * @param weight the weight, row-major {@code [out, in]}
     * @param outFeatures the rows
     * @param grouping the groups of a row
     * @param bits the code width
     * @param iterations the most Lloyd iterations per group
     * @param context the run's seed, progress and cancellation
     * @return the clustered layer
     */
    static ClusteredLayer cluster(float[] weight, int outFeatures, Grouping grouping, int bits, int iterations,
            PluginContext context) {
        int in = Math.toIntExact(grouping.inFeatures());
        int groups = Math.toIntExact(grouping.count());
        int k = 1 << bits;
        int[] codes = new int[weight.length];
        float[] centroids = new float[outFeatures * groups * k];
        try (ProgressSink progress = context.progress("kmeans", outFeatures)) {
            for (int row = 0; row < outFeatures; row++) {
                context.cancellation().throwIfCancelled();
                for (int g = 0; g < groups; g++) {
                    int from = row * in + grouping.start(g);
                    int to = row * in + grouping.end(g);
                    float[] learned = Lloyd.centroids(weight, from, to, k, iterations,
                            groupSeed(context.seed(), row, g));
                    System.arraycopy(learned, 0, centroids, (row * groups + g) * k, k);
                    for (int i = from; i < to; i++) {
                        codes[i] = Lloyd.nearest(learned, weight[i]);
                    }
                }
                progress.advance(1);
            }
        }
        return new ClusteredLayer(bits, grouping, outFeatures, codes, centroids);
    }

    /**
     * Returns the weight the clustering represents: every weight replaced by its centroid.
     *
     * @return the weight, row-major {@code [out, in]}
     */
    float[] dense() {
        int in = Math.toIntExact(grouping.inFeatures());
        int groups = Math.toIntExact(grouping.count());
        int k = 1 << bits;
        float[] dense = new float[codes.length];
        for (int row = 0; row < outFeatures; row++) {
            for (int g = 0; g < groups; g++) {
                int base = (row * groups + g) * k;
                for (int c = grouping.start(g); c < grouping.end(g); c++) {
                    dense[row * in + c] = centroids[base + codes[row * in + c]];
                }
            }
        }
        return dense;
    }

    /** Mixes the run's seed with a group's position, so that every group draws its own stream. */
    private static long groupSeed(long seed, int row, int group) {
        long mixed = seed * 0x9E3779B97F4A7C15L + row * 0xBF58476D1CE4E5B9L + group * 0x94D049BB133111EBL;
        return mixed ^ (mixed >>> 31);
    }
}
