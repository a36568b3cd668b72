package dev.presso.kernel.tensor;

/**
 * The hash that maps a dense matrix's elements onto a small shared parameter vector, as in
 * randomized parameter sharing: {@code W[i, j] = theta[bucket(i * cols + j)] * sign(i * cols + j)}.
 *
 * <p>The function is fixed by this record so that every backend draws the same sharing pattern:
 * {@code h = mix64(seed ^ (index * 0x9E3779B97F4A7C15L))} where {@code mix64} is the SplitMix64
 * finalizer; the bucket is {@code floorMod(h >>> 1, buckets)} and the sign is {@code +1} when the
 * lowest bit of {@code h} is 0, else {@code -1}.
 *
 * @param seed the seed that selects the sharing pattern
 * @since 1.0
 */
public record HashSpec(long seed) {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * Returns the 64-bit hash of an element index.
     *
     * @param index the row-major element index in the dense matrix
     * @return the mixed hash
     */
    public long hash(long index) {
        long z = seed ^ (index * GOLDEN);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Returns the shared parameter that an element reads.
     *
     * @param index the row-major element index
     * @param buckets the length of the shared parameter vector, at least 1
     * @return a bucket in {@code [0, buckets)}
     */
    public int bucket(long index, int buckets) {
        return (int) Math.floorMod(hash(index) >>> 1, (long) buckets);
    }

    /**
     * Returns the sign that an element applies to its shared parameter.
     *
     * @param index the row-major element index
     * @return {@code 1.0f} or {@code -1.0f}
     */
    public float sign(long index) {
        return (hash(index) & 1L) == 0 ? 1.0f : -1.0f;
    }
}
