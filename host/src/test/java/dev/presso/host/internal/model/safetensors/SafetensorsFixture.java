package dev.presso.host.internal.model.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes safetensors files for tests, valid or deliberately broken: tensors are laid out one after
 * another in insertion order, and the header can be edited before it is written.
 */
public final class SafetensorsFixture {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One tensor: its header dtype, its shape and its raw bytes. */
    public record Entry(String dtype, long[] shape, byte[] bytes) {}

    private final Map<String, Entry> tensors = new LinkedHashMap<>();

    /** Returns the tensors, in file order; editable. @return the tensors by name */
    public Map<String, Entry> tensors() {
        return tensors;
    }

    /**
     * Reads a valid file's tensors, independently of the code under test.
     *
     * @param file a safetensors file
     * @return the tensors, in offset order
     */
    public static SafetensorsFixture read(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            long length = ByteBuffer.wrap(all, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            JsonNode header = JSON.readTree(Arrays.copyOfRange(all, 8, 8 + (int) length));
            SafetensorsFixture fixture = new SafetensorsFixture();
            header.properties().stream()
                    .filter(e -> !e.getKey().equals("__metadata__"))
                    .sorted((a, b) -> Long.compare(a.getValue().get("data_offsets").get(0).longValue(),
                            b.getValue().get("data_offsets").get(0).longValue()))
                    .forEach(e -> {
                        JsonNode t = e.getValue();
                        long[] shape = new long[t.get("shape").size()];
                        for (int i = 0; i < shape.length; i++) {
                            shape[i] = t.get("shape").get(i).longValue();
                        }
                        int begin = 8 + (int) length + t.get("data_offsets").get(0).intValue();
                        int end = 8 + (int) length + t.get("data_offsets").get(1).intValue();
                        fixture.tensors.put(e.getKey(), new Entry(t.get("dtype").textValue(), shape,
                                Arrays.copyOfRange(all, begin, end)));
                    });
            return fixture;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds a float tensor encoded as F32, F16 or BF16 (round to nearest even).
     *
     * @param name the name
     * @param dtype {@code F32}, {@code F16} or {@code BF16}
     * @param values the values, row-major
     * @param shape the dimensions
     * @return this fixture
     */
    public SafetensorsFixture put(String name, String dtype, float[] values, long... shape) {
        ByteBuffer out = ByteBuffer.allocate(values.length * (dtype.equals("F32") ? 4 : 2))
                .order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            switch (dtype) {
                case "F32" -> out.putFloat(v);
                case "F16" -> out.putShort(Float.floatToFloat16(v));
                case "BF16" -> out.putShort(toBfloat16(v));
                default -> throw new IllegalArgumentException(dtype);
            }
        }
        tensors.put(name, new Entry(dtype, shape, out.array()));
        return this;
    }

    /** Returns the value a float has after encoding to a dtype and decoding back. */
    public static float roundTrip(String dtype, float v) {
        return switch (dtype) {
            case "F32" -> v;
            case "F16" -> Float.float16ToFloat(Float.floatToFloat16(v));
            case "BF16" -> Float.intBitsToFloat(toBfloat16(v) << 16);
            default -> throw new IllegalArgumentException(dtype);
        };
    }

    private static short toBfloat16(float v) {
        int bits = Float.floatToRawIntBits(v);
        return (short) ((bits + 0x7FFF + ((bits >>> 16) & 1)) >>> 16);
    }

    /** Returns the header this fixture writes, with contiguous offsets. @return the header object */
    public ObjectNode header() {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, Entry> e : tensors.entrySet()) {
            ObjectNode t = header.putObject(e.getKey());
            t.put("dtype", e.getValue().dtype());
            Arrays.stream(e.getValue().shape()).forEach(t.putArray("shape")::add);
            t.putArray("data_offsets").add(offset).add(offset + e.getValue().bytes().length);
            offset += e.getValue().bytes().length;
        }
        return header;
    }

    /** Returns the data section: every tensor's bytes in order. @return the bytes */
    public byte[] data() {
        ByteBuffer data = ByteBuffer.allocate(tensors.values().stream().mapToInt(e -> e.bytes().length).sum());
        tensors.values().forEach(e -> data.put(e.bytes()));
        return data.array();
    }

    /** Writes a valid file. @param file the target */
    public void write(Path file) {
        write(file, header -> {});
    }

    /**
     * Writes the file after editing its header.
     *
     * @param file the target
     * @param edit changes the header object
     */
    public void write(Path file, Consumer<ObjectNode> edit) {
        ObjectNode header = header();
        edit.accept(header);
        byte[] json = padded(header.toString());
        writeRaw(file, json.length, json, data());
    }

    /**
     * Writes arbitrary parts: a declared header length, header bytes and data.
     *
     * @param file the target
     * @param declaredLength the 8-byte header length field
     * @param header the header bytes
     * @param data the data bytes
     */
    public static void writeRaw(Path file, long declaredLength, byte[] header, byte[] data) {
        ByteBuffer out = ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(declaredLength).put(header).put(data);
        try {
            Files.write(file, out.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Pads JSON with spaces to a multiple of 8 bytes, as the reference writer does. */
    public static byte[] padded(String json) {
        StringBuilder text = new StringBuilder(json);
        while (text.toString().getBytes(StandardCharsets.UTF_8).length % 8 != 0) {
            text.append(' ');
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
