package dev.presso.host.internal.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import org.junit.jupiter.api.Test;

class InputStatisticsTest {
    @Test
    void handsOutNewF32TensorsRoundedFromTheDoubleSums() {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            double[] gram = {1.0 + 1e-12, 2, 2, 5};
            InputStatistics statistics = new InputStatistics(tensors, 2, 3, gram, new float[] {1, 2, 3, 4});
            try (TensorScope _ = tensors.scope()) {
                Tensor tensor = statistics.gram().orElseThrow();
                assertEquals(Shape.of(2, 2), tensor.shape());
                assertArrayEquals(new float[] {1, 2, 2, 5}, tensor.toFloatArray());
                assertArrayEquals(gram, statistics.gramValues());
                Tensor sample = statistics.inputSample().orElseThrow();
                assertEquals(Shape.of(2, 2), sample.shape());
                assertArrayEquals(new float[] {1, 2, 3, 4}, sample.toFloatArray());
            }
            assertEquals(0, backend.memoryStats().liveArrays(), "the caller's scope owned the tensors");
        }
    }

    @Test
    void isEmptyWithoutRowsOrWithoutARequestedSample() {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            InputStatistics unseen = new InputStatistics(tensors, 2, 0, new double[4], new float[0]);
            assertTrue(unseen.gram().isEmpty());
            assertTrue(unseen.inputSample().isEmpty());
            InputStatistics unsampled = new InputStatistics(tensors, 2, 5, new double[] {1, 0, 0, 1}, null);
            assertTrue(unsampled.gram().isPresent());
            assertTrue(unsampled.inputSample().isEmpty());
            unsampled.gram().orElseThrow().close();
        }
    }
}
