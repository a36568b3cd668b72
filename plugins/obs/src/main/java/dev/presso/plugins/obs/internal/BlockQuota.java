package dev.presso.plugins.obs.internal;

/**
 * Splits a layer's exact count of pruned weights over its column blocks of {@link ObsSweep#BLOCK}
 * columns in proportion to their sizes, by largest remainder: each block gets the floor of its
 * share, and the weights left over go one each to the blocks with the largest remainders (ties
 * to the earlier block). The quotas sum to the count exactly and none exceeds its block's size.
 */
final class BlockQuota {
    private BlockQuota() {}

    /**
     * Returns each block's quota.
     *
     * @param count the layer's pruned weights, in {@code [0, out * in]}
     * @param out the rows
     * @param in the columns
     * @return one quota per column block, in block order
     */
    static long[] split(long count, int out, int in) {
        int blocks = (in + ObsSweep.BLOCK - 1) / ObsSweep.BLOCK;
        long n = (long) out * in;
        long[] quota = new long[blocks];
        long[] remainder = new long[blocks];
        long left = count;
        for (int b = 0; b < blocks; b++) {
            long size = (long) out * (Math.min((b + 1) * ObsSweep.BLOCK, in) - b * ObsSweep.BLOCK);
            long share = Math.multiplyExact(count, size);
            quota[b] = share / n;
            remainder[b] = share % n;
            left -= quota[b];
        }
        while (left > 0) {
            int best = -1;
            for (int b = 0; b < blocks; b++) {
                if (remainder[b] > 0 && (best < 0 || remainder[b] > remainder[best])) {
                    best = b;
                }
            }
            quota[best]++;
            remainder[best] = 0;
            left--;
        }
        return quota;
    }
}
