package dev.presso.host.internal.model.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.kernel.tensor.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The validated JSON header of a safetensors file: every tensor's dtype, shape and byte range, and
 * the free-form {@code __metadata__}.
 *
 * <p>Validation follows the reference implementation: known dtypes only, non-negative integer
 * dimensions and offsets, byte ranges whose length is exactly what the dtype and shape need, and
 * ranges that tile the data section with neither overlaps nor holes nor trailing bytes. Every error
 * names the file and the tensor.
 *
 * @param tensors the tensors by name, sorted by name
 * @param metadata the {@code __metadata__} strings, empty when absent
 */
public record SafetensorsHeader(Map<String, TensorEntry> tensors, Map<String, String> metadata) {
    /** The metadata key of the header object. */
    public static final String METADATA = "__metadata__";

    /** Copies the maps. */
    public SafetensorsHeader {
        tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Parses and validates a header.
     *
     * @param json the header bytes, UTF-8 JSON
     * @param dataLength the number of bytes after the header
     * @param file the file, for messages
     * @return the header
     * @throws ModelFormatException naming the file and tensor of the first problem found
     */
    public static SafetensorsHeader parse(byte[] json, long dataLength, String file) {
        if (json.length == 0 || json[0] != '{') {
            throw new ModelFormatException(file + ": the header does not start with '{'; expected a JSON object"
                    + " after the 8-byte header length (is this a safetensors file?)");
        }
        JsonObject root = JsonObject.parse(json, file + " (safetensors header)");
        Map<String, TensorEntry> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = Map.of();
        for (String name : root.fieldNames()) {
            @Nullable JsonNode value = root.value(name).orElse(null);
            if (name.equals(METADATA)) {
                metadata = value == null ? Map.of() : metadata(value, file);
            } else {
                tensors.put(name, entry(name, value, dataLength, file));
            }
        }
        checkTiling(tensors.values(), dataLength, file);
        return new SafetensorsHeader(tensors, metadata);
    }

    private static Map<String, String> metadata(JsonNode value, String file) {
        if (!value.isObject()) {
            throw new ModelFormatException(file + ": " + METADATA + " is " + JsonObject.describe(value)
                    + "; expected an object of strings");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : value.properties()) {
            if (!e.getValue().isTextual()) {
                throw new ModelFormatException(file + ": " + METADATA + " entry '" + e.getKey() + "' is "
                        + JsonObject.describe(e.getValue()) + "; expected a string");
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    private static TensorEntry entry(String name, @Nullable JsonNode value, long dataLength, String file) {
        String where = file + ": tensor '" + name + "'";
        if (value == null || !value.isObject()) {
            throw new ModelFormatException(where + " is " + (value == null ? "null" : JsonObject.describe(value))
                    + "; expected an object with dtype, shape and data_offsets");
        }
        SafetensorsDType dtype = dtype(value.get("dtype"), where);
        long[] dims = naturals(value.get("shape"), "shape", -1, where);
        long[] offsets = naturals(value.get("data_offsets"), "data_offsets", 2, where);
        long begin = offsets[0];
        long end = offsets[1];
        if (begin > end) {
            throw new ModelFormatException(where + ": data_offsets [" + begin + ", " + end
                    + "] end before they begin; expected begin <= end");
        }
        long needed = byteSize(dims, dtype, where);
        if (end - begin != needed) {
            throw new ModelFormatException(where + ": data_offsets [" + begin + ", " + end + "] span "
                    + (end - begin) + " bytes, but dtype " + dtype + " and shape " + Arrays.toString(dims)
                    + " need " + needed + " bytes");
        }
        if (end > dataLength) {
            throw new ModelFormatException(where + ": data_offsets [" + begin + ", " + end
                    + "] extend past the end of the data section, which holds " + dataLength
                    + " bytes; the file is truncated or the offsets are wrong");
        }
        return new TensorEntry(name, dtype, Shape.of(dims), begin, end);
    }

    private static SafetensorsDType dtype(@Nullable JsonNode value, String where) {
        if (value == null || !value.isTextual()) {
            throw new ModelFormatException(where + ": dtype is "
                    + (value == null ? "missing" : JsonObject.describe(value)) + "; expected a string");
        }
        Optional<SafetensorsDType> dtype = SafetensorsDType.named(value.textValue());
        return dtype.orElseThrow(() -> new ModelFormatException(where + ": unknown dtype '" + value.textValue()
                + "'; expected one of " + SafetensorsDType.knownNames()));
    }

    /** Reads an array of non-negative integers, of a given length unless {@code length} is -1. */
    private static long[] naturals(@Nullable JsonNode value, String field, int length, String where) {
        String expected = length < 0 ? "a list of non-negative integers" : "a list of " + length
                + " non-negative integers";
        if (value == null || !value.isArray() || (length >= 0 && value.size() != length)) {
            throw new ModelFormatException(where + ": " + field + " is "
                    + (value == null ? "missing" : JsonObject.describe(value)) + "; expected " + expected);
        }
        long[] out = new long[value.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode item = value.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToLong() || item.longValue() < 0) {
                throw new ModelFormatException(where + ": " + field + " is " + JsonObject.describe(value)
                        + "; expected " + expected);
            }
            out[i] = item.longValue();
        }
        return out;
    }

    private static long byteSize(long[] dims, SafetensorsDType dtype, String where) {
        try {
            long elements = 1;
            for (long d : dims) {
                elements = Math.multiplyExact(elements, d);
            }
            return Math.multiplyExact(elements, (long) dtype.bytes());
        } catch (ArithmeticException e) {
            throw new ModelFormatException(where + ": shape " + Arrays.toString(dims)
                    + " has more bytes than a file can hold; expected a real tensor shape", e);
        }
    }

    /**
     * Checks that the byte ranges, sorted by offset, cover {@code [0, dataLength)} exactly once;
     * overlaps are reported before holes, as they are the more specific fault.
     */
    private static void checkTiling(Iterable<TensorEntry> entries, long dataLength, String file) {
        List<TensorEntry> sorted = new ArrayList<>();
        entries.forEach(sorted::add);
        sorted.sort(Comparator.comparingLong(TensorEntry::begin).thenComparingLong(TensorEntry::end));
        for (int i = 1; i < sorted.size(); i++) {
            TensorEntry before = sorted.get(i - 1);
            TensorEntry entry = sorted.get(i);
            if (entry.begin() < before.end()) {
                throw new ModelFormatException(file + ": tensor '" + entry.name() + "' bytes [" + entry.begin() + ", "
                        + entry.end() + ") overlap tensor '" + before.name() + "' bytes [" + before.begin() + ", "
                        + before.end() + "); expected every tensor in its own range");
            }
        }
        long covered = 0;
        for (TensorEntry entry : sorted) {
            if (entry.begin() > covered) {
                throw new ModelFormatException(file + ": " + (entry.begin() - covered) + " unused bytes ["
                        + covered + ", " + entry.begin() + ") before tensor '" + entry.name()
                        + "'; expected tensors to cover the data section without holes");
            }
            covered = entry.end();
        }
        if (covered != dataLength) {
            throw new ModelFormatException(file + ": the data section holds " + dataLength + " bytes, but the"
                    + " tensors cover only " + covered + "; expected no trailing bytes");
        }
    }
}
