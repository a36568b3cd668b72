package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.host.internal.model.safetensors.SafetensorsFixture;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

/**
 * The real stories260K checkpoint in the shared data folder and its reference vectors; tests are
 * skipped, saying why, when the folder is not there.
 */
final class Stories260k {
    /** The system property surefire sets to the shared data folder. */
    static final String PROPERTY = "presso.shared.data";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Stories260k() {}

    /** Returns the model directory, or skips the test when it is missing. */
    static Path directory() {
        String root = System.getProperty(PROPERTY);
        assumeTrue(root != null, "system property " + PROPERTY + " is not set; run through Maven, which points it"
                + " at <repository>/../shared/data");
        Path directory = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(directory.resolve("model.safetensors")),
                "the real stories260K model is not at " + directory.toAbsolutePath() + "; these tests need it");
        return directory;
    }

    /** Returns reference.json. */
    static JsonNode reference() {
        try {
            return JSON.readTree(directory().resolve("reference.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies config.json and model.safetensors into a new directory, which it returns. */
    static Path copyTo(Path target) throws IOException {
        Files.createDirectories(target);
        for (String file : new String[] {"config.json", "model.safetensors"}) {
            Files.copy(directory().resolve(file), target.resolve(file));
        }
        return target;
    }

    /** Splits the checkpoint into two shards with an index, and removes the single file. */
    static void shard(Path directory) throws IOException {
        SafetensorsFixture whole = SafetensorsFixture.read(directory.resolve("model.safetensors"));
        List<String> names = new ArrayList<>(whole.tensors().keySet());
        SafetensorsFixture first = new SafetensorsFixture();
        SafetensorsFixture second = new SafetensorsFixture();
        ObjectNode index = JSON.createObjectNode();
        index.putObject("metadata").put("total_size", whole.data().length);
        ObjectNode map = index.putObject("weight_map");
        for (int i = 0; i < names.size(); i++) {
            boolean early = i < names.size() / 2;
            (early ? first : second).tensors().put(names.get(i), whole.tensors().get(names.get(i)));
            map.put(names.get(i), early ? "model-00001-of-00002.safetensors" : "model-00002-of-00002.safetensors");
        }
        first.write(directory.resolve("model-00001-of-00002.safetensors"));
        second.write(directory.resolve("model-00002-of-00002.safetensors"));
        Files.writeString(directory.resolve("model.safetensors.index.json"), index.toPrettyString(),
                java.nio.charset.StandardCharsets.UTF_8);
        Files.delete(directory.resolve("model.safetensors"));
    }

    static int[] ints(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).mapToInt(JsonNode::intValue).toArray();
    }

    static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).doubleValue();
        }
        return out;
    }
}
