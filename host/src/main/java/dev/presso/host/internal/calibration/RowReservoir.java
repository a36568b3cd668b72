package dev.presso.host.internal.calibration;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Decides which rows of a stream a uniform sample of fixed size keeps: reservoir sampling with
 * Li's Algorithm L, which draws the gaps between replacements instead of one random number per
 * row, so it costs {@code O(k log(N/k))} draws for {@code N} rows.
 *
 * <p>The decisions depend only on the seed, the capacity and the position of each row in the
 * stream, never on the rows' values or on how the stream is split into batches; the caller fetches
 * only the rows chosen.
 */
final class RowReservoir {
    /** A gap this long means "never again" within any stream that fits in memory. */
    private static final double NEVER = 1e18;

    private final int capacity;
    private final SplittableRandom random;
    private double weight;
    private long seen;
    private long nextReplacement;

    /**
     * Creates an empty reservoir.
     *
     * @param capacity the sample size, at least 1
     * @param seed the random seed
     */
    RowReservoir(int capacity, long seed) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
        this.random = new SplittableRandom(seed);
        this.weight = StrictMath.exp(Math.log(openUniform()) / capacity);
        this.nextReplacement = after(capacity - 1L);
    }

    /** Returns the sample size. @return the capacity */
    int capacity() {
        return capacity;
    }

    /** Returns how many slots hold a row. @return {@code min(rows seen, capacity)} */
    int size() {
        return (int) Math.min(seen, capacity);
    }

    /**
     * Streams the next rows through the reservoir.
     *
     * @param rows how many rows the next batch holds
     * @return for each slot, the index within the batch of the row it now holds, or -1 where the
     *     slot keeps what it had; a slot replaced twice in one batch names the later row
     */
    int[] offer(int rows) {
        int[] source = new int[capacity];
        Arrays.fill(source, -1);
        long end = seen + rows;
        for (long row = seen; row < Math.min(end, capacity); row++) {
            source[(int) row] = (int) (row - seen);
        }
        while (nextReplacement < end) {
            source[random.nextInt(capacity)] = (int) (nextReplacement - seen);
            weight *= StrictMath.exp(Math.log(openUniform()) / capacity);
            nextReplacement = after(nextReplacement);
        }
        seen = end;
        return source;
    }

    /** Draws the stream position of the next replacement after a row. */
    private long after(long row) {
        double gap = Math.floor(StrictMath.log(openUniform()) / StrictMath.log1p(-weight));
        return gap < NEVER ? row + (long) gap + 1 : Long.MAX_VALUE;
    }

    /** Returns a uniform sample of {@code (0, 1)}, as the logarithms need. */
    private double openUniform() {
        double u;
        do {
            u = random.nextDouble();
        } while (u == 0.0);
        return u;
    }
}
