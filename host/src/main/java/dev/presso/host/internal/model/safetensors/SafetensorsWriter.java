package dev.presso.host.internal.model.safetensors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Writes the safetensors format: an 8-byte little-endian header length, a JSON header naming each
 * tensor's dtype, shape and byte range (padded with spaces to a multiple of 8 bytes), then the
 * tensors' bytes back to back in the order given. What {@link SafetensorsFile} reads back.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /**
     * One tensor's bytes as the file stores them.
     *
     * @param dtype the safetensors dtype
     * @param shape the dimensions
     * @param data the little-endian bytes, exactly {@code dtype.bytes() * product(shape)} long
     */
    public record Entry(SafetensorsDType dtype, long[] shape, byte[] data) {
        /** Checks that the byte count matches the dtype and shape. */
        public Entry {
            long elements = 1;
            for (long dim : shape) {
                elements = Math.multiplyExact(elements, dim);
            }
            if (elements * dtype.bytes() != data.length) {
                throw new IllegalArgumentException("a " + dtype + " tensor of shape " + java.util.Arrays.toString(shape)
                        + " needs " + elements * dtype.bytes() + " bytes, got " + data.length);
            }
            shape = shape.clone();
        }
    }

    /**
     * Writes a file's bytes to a stream.
     *
     * @param out where to write; not closed
     * @param tensors the tensors by name, in the order their bytes are laid out
     * @param metadata the {@code __metadata__} strings
     * @throws IOException if the stream fails
     */
    public static void write(OutputStream out, SequencedMap<String, Entry> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject(SafetensorsHeader.METADATA);
            new java.util.TreeMap<>(metadata).forEach(meta::put);
        }
        long offset = 0;
        for (Map.Entry<String, Entry> named : tensors.entrySet()) {
            Entry entry = named.getValue();
            ObjectNode node = header.putObject(named.getKey());
            node.put("dtype", entry.dtype().name());
            var shape = node.putArray("shape");
            for (long dim : entry.shape()) {
                shape.add(dim);
            }
            var offsets = node.putArray("data_offsets");
            offsets.add(offset);
            offsets.add(offset + entry.data().length);
            offset += entry.data().length;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (json.length + 7) / 8 * 8;
        byte[] headerBytes = java.util.Arrays.copyOf(json, padded);
        java.util.Arrays.fill(headerBytes, json.length, padded, (byte) ' ');
        out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
        out.write(headerBytes);
        for (Entry entry : tensors.values()) {
            out.write(entry.data());
        }
    }

    /**
     * Formats dimensions for a metadata value, such as {@code 64,128}.
     *
     * @param shape the dimensions
     * @return the text
     */
    public static String dims(long[] shape) {
        StringBuilder text = new StringBuilder();
        for (long dim : shape) {
            text.append(text.isEmpty() ? "" : ",").append(dim);
        }
        return text.toString();
    }

}
