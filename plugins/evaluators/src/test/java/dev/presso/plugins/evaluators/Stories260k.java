package dev.presso.plugins.evaluators;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The real stories260K model and its data in the shared folder, on the tensor-cpu backend; tests
 * are skipped, saying why, when the folder is not there.
 */
final class Stories260k implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    final Path directory;
    final TensorBackend backend;
    final Tensors tensors;

    Stories260k() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "system property presso.shared.data is not set; run through Maven");
        directory = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(directory.resolve("model.safetensors")),
                "the real stories260K model is not at " + directory.toAbsolutePath());
        backend = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults());
        tensors = TensorRuntime.tensors(backend);
    }

    /** Loads the model; its weights live until the backend closes (or the model is closed). */
    CausalLM model() {
        return Models.load(directory, tensors);
    }

    JsonNode json(String file) {
        try {
            return JSON.readTree(directory.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** tinystories-text.ids.json: one id list per story. */
    EvaluationData stories() {
        List<int[]> stories = new ArrayList<>();
        for (JsonNode story : json("tinystories-text.ids.json")) {
            stories.add(StreamSupport.stream(story.spliterator(), false).mapToInt(JsonNode::intValue).toArray());
        }
        return EvaluationData.of("tinystories-text.ids.json", stories);
    }

    /** samples-256x64.i32: 64 rows of 256 ids. */
    EvaluationData samples() {
        try {
            IntBuffer ids = ByteBuffer.wrap(Files.readAllBytes(directory.resolve("samples-256x64.i32")))
                    .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            List<int[]> rows = new ArrayList<>();
            for (int r = 0; r < 64; r++) {
                int[] row = new int[256];
                ids.get(r * 256, row);
                rows.add(row);
            }
            return EvaluationData.of("samples-256x64.i32", rows);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
