package dev.presso.host.internal.model.safetensors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading safetensors files: layout, dtypes, conversion, and the header faults not covered elsewhere. */
class SafetensorsFileTest {
    private static final float[] VALUES = {1.5f, -2.25f, 3.0e-3f, 65504f, -0.0f, 1f / 3};

    @TempDir Path temp;

    @Test
    void mapsEveryTensorAndItsMetadata() {
        Path file = temp.resolve("model.safetensors");
        new SafetensorsFixture().put("a", "F32", VALUES, 2, 3).put("b", "BF16", VALUES, 6).put("c", "F16", VALUES, 3, 2)
                .put("empty", "F32", new float[0], 0, 4).write(file);
        try (SafetensorsFile st = SafetensorsFile.open(file)) {
            assertEquals(Map.of("format", "pt"), st.metadata());
            TensorEntry b = st.find("b").orElseThrow();
            assertEquals(new TensorEntry("b", SafetensorsDType.BF16, Shape.of(6), 24, 36), b);
            assertEquals(12, st.bytes(b).byteSize());
            assertEquals(Shape.of(0, 4), st.find("empty").orElseThrow().shape());
            assertTrue(st.find("missing").isEmpty());
        }
    }

    @Test
    void uploadsF32F16AndBf16AsF32Exactly() {
        Path file = temp.resolve("model.safetensors");
        new SafetensorsFixture().put("f32", "F32", VALUES, 2, 3).put("bf16", "BF16", VALUES, 2, 3)
                .put("f16", "F16", VALUES, 2, 3).write(file);
        try (TensorBackend backend = new ReferenceBackend(); Checkpoint checkpoint = Checkpoint.open(temp)) {
            Tensors tensors = TensorRuntime.tensors(backend);
            for (String dtype : new String[] {"F32", "BF16", "F16"}) {
                try (Tensor t = WeightUpload.loadF32(checkpoint, dtype.toLowerCase(java.util.Locale.ROOT),
                        Shape.of(2, 3), "test", tensors)) {
                    assertEquals(DType.F32, t.dtype());
                    float[] expected = new float[VALUES.length];
                    for (int i = 0; i < expected.length; i++) {
                        expected[i] = SafetensorsFixture.roundTrip(dtype, VALUES[i]);
                    }
                    assertArrayEquals(expected, t.toFloatArray(), dtype);
                }
            }
            assertEquals(0, backend.memoryStats().liveArrays());
        }
    }

    @Test
    void segmentsAreInvalidAfterClose() {
        Path file = temp.resolve("model.safetensors");
        new SafetensorsFixture().put("a", "F32", VALUES, 6).write(file);
        SafetensorsFile st = SafetensorsFile.open(file);
        var bytes = st.bytes(st.find("a").orElseThrow());
        st.close();
        st.close();
        assertThrows(IllegalStateException.class, () -> bytes.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0));
    }

    @Test
    void holesBetweenTensorsAreRejected() {
        Path file = temp.resolve("hole.safetensors");
        new SafetensorsFixture().put("a", "F32", VALUES, 6).put("pad", "F32", new float[1], 1)
                .put("b", "BF16", VALUES, 6).write(file, header -> header.remove("pad"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("4 unused bytes [24, 28) before tensor 'b'; expected tensors to cover"),
                e.getMessage());
    }

    @Test
    void duplicateTensorNamesAreRejected() {
        Path file = temp.resolve("model.safetensors");
        String json = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}";
        byte[] header = SafetensorsFixture.padded(json);
        SafetensorsFixture.writeRaw(file, header.length, header, new byte[8]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("Duplicate field 'a'"), e.getMessage());
    }

    @Test
    void malformedEntriesNameTheTensorAndTheField() {
        assertHeaderFault(header -> header.put("b", 3), "tensor 'b' is number 3; expected an object");
        assertHeaderFault(header -> b(header).remove("dtype"), "tensor 'b': dtype is missing");
        assertHeaderFault(header -> b(header).putArray("data_offsets").add(24).add(36).add(9),
                "tensor 'b': data_offsets is array [24,36,9]; expected a list of 2 non-negative integers");
        assertHeaderFault(header -> b(header).putArray("shape").add(1L << 62).add(1L << 62),
                "tensor 'b': shape [4611686018427387904, 4611686018427387904] has more bytes than a file can hold");
        assertHeaderFault(header -> header.putObject("__metadata__").put("format", 1),
                "__metadata__ entry 'format' is number 1; expected a string");
    }

    @Test
    void aHeaderThatIsNotUtf8IsRejected() {
        Path file = temp.resolve("model.safetensors");
        byte[] header = "{\"\u00e9\":1}   ".getBytes(StandardCharsets.ISO_8859_1);
        SafetensorsFixture.writeRaw(file, header.length, header, new byte[0]);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().contains("malformed JSON"), e.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> SafetensorsFile.open(temp.resolve("absent.safetensors")));
        assertTrue(e.getMessage().endsWith("absent.safetensors: file not found"), e.getMessage());
    }

    private static com.fasterxml.jackson.databind.node.ObjectNode b(
            com.fasterxml.jackson.databind.node.ObjectNode header) {
        return (com.fasterxml.jackson.databind.node.ObjectNode) header.get("b");
    }

    private void assertHeaderFault(java.util.function.Consumer<com.fasterxml.jackson.databind.node.ObjectNode> edit,
            String fragment) {
        Path file = temp.resolve("fault.safetensors");
        new SafetensorsFixture().put("a", "F32", VALUES, 6).put("b", "BF16", VALUES, 6).write(file, edit);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> SafetensorsFile.open(file));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
    }
}
