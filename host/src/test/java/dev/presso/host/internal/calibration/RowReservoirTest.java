package dev.presso.host.internal.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RowReservoirTest {
    /** Streams rows in batches and returns the stream position each slot finally holds. */
    private static long[] kept(int capacity, long seed, int... batches) {
        RowReservoir reservoir = new RowReservoir(capacity, seed);
        long[] slots = new long[capacity];
        Arrays.fill(slots, -1);
        long seen = 0;
        for (int rows : batches) {
            int[] source = reservoir.offer(rows);
            for (int slot = 0; slot < capacity; slot++) {
                if (source[slot] >= 0) {
                    assertTrue(source[slot] < rows, "a slot names a row of the batch");
                    slots[slot] = seen + source[slot];
                }
            }
            seen += rows;
        }
        return slots;
    }

    @Test
    void keepsEveryRowWhileThereIsRoom() {
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, -1, -1}, kept(8, 3, 4, 2));
        RowReservoir reservoir = new RowReservoir(8, 3);
        reservoir.offer(5);
        assertEquals(5, reservoir.size());
        reservoir.offer(50);
        assertEquals(8, reservoir.size());
    }

    @Test
    void decisionsDependOnTheSeedAndThePositionButNotOnTheBatches() {
        long[] whole = kept(16, 42, 1000);
        assertArrayEquals(whole, kept(16, 42, 7, 1, 300, 0, 692));
        assertArrayEquals(whole, kept(16, 42, 1000));
        assertFalse(Arrays.equals(whole, kept(16, 43, 1000)), "another seed samples other rows");
        assertEquals(16, Arrays.stream(whole).distinct().count(), "no row is kept twice");
    }

    /** Every row of a stream ends up in the sample with probability capacity / rows. */
    @Test
    void samplesUniformly() {
        int capacity = 5;
        int rows = 50;
        int trials = 20_000;
        int[] hits = new int[rows];
        for (int seed = 0; seed < trials; seed++) {
            for (long row : kept(capacity, seed, 13, 37)) {
                hits[(int) row]++;
            }
        }
        double p = (double) capacity / rows;
        double expected = trials * p;
        double sigma = Math.sqrt(trials * p * (1 - p));
        for (int row = 0; row < rows; row++) {
            assertTrue(Math.abs(hits[row] - expected) < 5 * sigma,
                    "row " + row + " was kept " + hits[row] + " times, expected " + expected + " +- " + sigma);
        }
    }

    @Test
    void refusesAnEmptyReservoir() {
        assertThrows(IllegalArgumentException.class, () -> new RowReservoir(0, 1));
    }
}
