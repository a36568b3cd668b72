package dev.presso.host.internal.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.presso.kernel.tensor.TensorException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationDataTest {
    @Test
    void batchesConsecutiveSequencesOfEqualLengthUpToTheBatchSize() {
        CalibrationData data = new CalibrationData(List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6},
                new int[] {7, 8, 9}, new int[] {10, 11}, new int[] {12, 13, 14}), 2);
        List<int[][]> batches = data.batches();
        assertEquals(List.of(2, 1, 1, 1), batches.stream().map(batch -> batch.length).toList());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, CalibrationData.flatten(batches.get(0)));
        assertArrayEquals(new int[] {10, 11}, CalibrationData.flatten(batches.get(2)));
        assertEquals(14, data.tokenCount());
    }

    @Test
    void copiesTheSequences() {
        int[] sequence = {1, 2};
        CalibrationData data = new CalibrationData(List.of(sequence), 4);
        sequence[0] = 99;
        assertArrayEquals(new int[] {1, 2}, data.batches().get(0)[0]);
    }

    @Test
    void refusesNoSequencesEmptySequencesAndEmptyBatches() {
        assertThrows(TensorException.class, () -> new CalibrationData(List.of(), 1));
        assertThrows(TensorException.class, () -> new CalibrationData(List.of(new int[] {1}), 0));
        TensorException empty = assertThrows(TensorException.class,
                () -> new CalibrationData(List.of(new int[] {1}, new int[0]), 1));
        assertEquals("calibration: sequence 1 is empty; expected at least one token", empty.getMessage());
    }
}
