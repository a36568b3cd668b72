package dev.presso.host.internal.model.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * A {@code model.safetensors.index.json}: which shard file holds each tensor.
 *
 * @param file the index file, for messages
 * @param shardOf the shard file name of every tensor, sorted by tensor name
 */
public record ShardIndex(Path file, Map<String, String> shardOf) {
    /** The index's usual file name. */
    public static final String FILE_NAME = "model.safetensors.index.json";

    /** Copies the map. */
    public ShardIndex {
        shardOf = Collections.unmodifiableMap(new TreeMap<>(shardOf));
    }

    /**
     * Reads and checks an index: a {@code weight_map} object from tensor names to plain file names
     * in the index's directory.
     *
     * @param file the index file
     * @return the index
     * @throws ModelFormatException if the file is malformed or names a file outside its directory
     */
    public static ShardIndex read(Path file) {
        JsonObject index = JsonObject.read(file);
        JsonObject weightMap = index.requiredObject("weight_map");
        Map<String, String> shardOf = new TreeMap<>();
        for (String tensor : weightMap.fieldNames()) {
            @Nullable JsonNode value = weightMap.value(tensor).orElse(null);
            if (value == null || !value.isTextual()) {
                throw weightMap.invalid(tensor, value == null ? "null" : JsonObject.describe(value),
                        "the name of the shard file holding the tensor");
            }
            String shard = value.textValue();
            if (!isPlainFileName(shard)) {
                throw weightMap.invalid(tensor, "'" + shard + "'",
                        "a plain file name in the index's directory, such as model-00001-of-00002.safetensors");
            }
            shardOf.put(tensor, shard);
        }
        if (shardOf.isEmpty()) {
            throw weightMap.invalid("", "empty", "at least one tensor");
        }
        return new ShardIndex(file, shardOf);
    }

    private static boolean isPlainFileName(String name) {
        return !name.isEmpty() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0
                && name.indexOf('\\') < 0 && name.indexOf('\0') < 0;
    }
}
