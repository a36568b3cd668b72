package dev.presso.plugins.evaluators.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.kernel.evaluation.EvaluationData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Windows and batches: every id after the first is scored exactly once, with the right context. */
class ProtocolTest {
    private static EvaluationData ramp(int... lengths) {
        List<int[]> sequences = new ArrayList<>();
        for (int length : lengths) {
            int[] ids = new int[length];
            for (int i = 0; i < length; i++) {
                ids[i] = i;
            }
            sequences.add(ids);
        }
        return EvaluationData.of("ramp", sequences);
    }

    /** Returns, per scored position of each sequence's ids, how often it is scored. */
    private static int[] coverage(List<Window> windows, int length) {
        int[] scored = new int[length];
        for (Window w : windows) {
            for (int t = w.firstTarget(); t < w.length(); t++) {
                scored[w.tokens()[t]]++;   // ids equal positions in a ramp
            }
        }
        return scored;
    }

    @Test
    void documentTruncatesAndScoresFromTheSecondId() {
        List<Window> windows = Protocol.DOCUMENT.windows(ramp(10, 1, 3), 4, 0, 100);
        assertEquals(2, windows.size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, windows.get(0).tokens());
        assertEquals(1, windows.get(0).firstTarget());
        assertArrayEquals(new int[] {0, 1, 2}, windows.get(1).tokens());
    }

    @Test
    void slidingScoresEachIdOnceWithItsWindowAsContext() {
        for (int[] setting : new int[][] {{8, 3}, {8, 7}, {5, 1}, {2, 1}, {30, 7}, {30, 29}}) {
            List<Window> windows = Protocol.SLIDING.windows(ramp(23), setting[0], setting[1], 100);
            int[] scored = coverage(windows, 23);
            assertEquals(0, scored[0]);
            for (int i = 1; i < 23; i++) {
                assertEquals(1, scored[i], "id " + i + " with max-length " + setting[0] + ", stride " + setting[1]);
            }
            for (Window w : windows) {
                assertEquals(true, w.length() <= setting[0]);
            }
        }
        // With stride 3 the windows start at 0, 3, 6, ... and the second one scores ids 8..10.
        Window second = Protocol.SLIDING.windows(ramp(23), 8, 3, 100).get(1);
        assertArrayEquals(new int[] {3, 4, 5, 6, 7, 8, 9, 10}, second.tokens());
        assertEquals(5, second.firstTarget());
    }

    @Test
    void batchesPadOnTheRightAndPointAtTheOutputsBeforeEachTarget() {
        List<Window> windows = Protocol.DOCUMENT.windows(ramp(3, 5, 2), 0, 0, 100);
        List<Batch> batches = Batch.group(windows, 10);
        assertEquals(2, batches.size());
        Batch first = batches.get(0);
        assertEquals(5, first.width());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 0, 1, 2, 0, 0}, first.paddedTokens());
        assertArrayEquals(new int[] {0, 1, 2, 3, 5, 6}, first.scoredPositions());
        assertArrayEquals(new int[] {1, 2, 3, 4, 1, 2}, first.targetTokens());
        assertEquals(1, batches.get(1).size());
    }
}
