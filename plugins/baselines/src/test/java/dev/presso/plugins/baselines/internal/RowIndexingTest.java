package dev.presso.plugins.baselines.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Per-row gathers and scatters in row blocks, and codes split into bit planes. */
class RowIndexingTest {
    private static TensorBackend backend;
    private static Tensors tensors;

    @BeforeAll
    static void open() {
        backend = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults());
        tensors = TensorRuntime.tensors(backend);
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void gatherAndScatterGiveTheSameResultInOneBlockAndInManyBlocks() {
        int rows = 9;
        int width = 7;
        Tensor table = tensors.randn(Shape.of(rows, width), 3);
        float[] columns = new float[rows * 3];
        for (int r = 0; r < rows; r++) {
            columns[r * 3] = r % width;
            columns[r * 3 + 1] = (r + 2) % width;
            columns[r * 3 + 2] = (r + 5) % width;
        }
        Tensor picked = tensors.of(columns, Shape.of(rows, 3));
        float[] t = table.toFloatArray();
        float[] expected = new float[rows * 3];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = t[(i / 3) * width + (int) columns[i]];
        }
        for (long block : new long[] {RowIndexing.EXACT_FLOATS, 20, 1}) {
            Tensor gathered = RowIndexing.gather(tensors, table, picked, block);
            assertArrayEquals(expected, gathered.toFloatArray(), "blocks of " + block);
            float[] scattered = RowIndexing.scatter(tensors, gathered, picked, width, block).toFloatArray();
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < width; c++) {
                    boolean kept = c == r % width || c == (r + 2) % width || c == (r + 5) % width;
                    assertEquals(kept ? t[r * width + c] : 0f, scattered[r * width + c], "row " + r + " col " + c);
                }
            }
        }
    }

    @Test
    void keptColumnsListsTheOnesOfEachRowInAscendingOrder() {
        float[] mask = {0, 1, 1, 0, 1, /**/ 1, 1, 0, 0, 1};
        Tensor kept = RowIndexing.keptColumns(tensors, tensors.of(mask, Shape.of(2, 5)), 3);
        assertArrayEquals(new float[] {1, 2, 4, 0, 1, 4}, kept.toFloatArray());
    }

    @Test
    void bitPlanesRoundTripEveryWidth() {
        for (int bits = 1; bits <= 8; bits++) {
            int codes = 1 << bits;
            float[] values = new float[3 * codes];
            for (int i = 0; i < values.length; i++) {
                values[i] = (i * 7) % codes;
            }
            Shape shape = Shape.of(3, codes);
            Map<String, Tensor> planes = BitPlanes.pack(tensors, "q", tensors.of(values, shape), bits);
            assertEquals(BitPlanes.names("q", bits), List.copyOf(planes.keySet()));
            long stored = planes.values().stream().mapToLong(p -> p.shape().size() * p.dtype().bits()).sum();
            assertEquals((long) bits * values.length, stored, bits + " bits per code");
            PayloadReader reader = new PayloadReader("test", new OperatorPayload(planes, Map.of()));
            assertArrayEquals(values, BitPlanes.unpack(tensors, reader, "q", bits, shape).toFloatArray(), bits + " bits");
            planes.values().forEach(p -> assertTrue(p.dtype().isPacked() || p.dtype() == DType.U8, p.dtype().name()));
        }
    }
}
