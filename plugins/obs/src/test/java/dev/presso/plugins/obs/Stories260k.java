package dev.presso.plugins.obs;

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

    /** Loads the model; its weights live until the backend closes. */
    CausalLM model() {
        return Models.load(directory, tensors);
    }

    /** tinystories-text.ids.json: the 134 real stories, one id list each. */
    EvaluationData stories() {
        try {
            List<int[]> stories = new ArrayList<>();
            for (JsonNode story : JsonMapper.builder().build().readTree(directory.resolve("tinystories-text.ids.json").toFile())) {
                stories.add(StreamSupport.stream(story.spliterator(), false).mapToInt(JsonNode::intValue).toArray());
            }
            return EvaluationData.of("tinystories-text.ids.json", stories);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first rows of samples-256x64.i32, 256 sampled ids each. */
    List<int[]> samples(int rows) {
        try {
            IntBuffer ids = ByteBuffer.wrap(Files.readAllBytes(directory.resolve("samples-256x64.i32")))
                    .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            List<int[]> sampled = new ArrayList<>();
            for (int r = 0; r < rows; r++) {
                int[] row = new int[256];
                ids.get(r * 256, row);
                sampled.add(row);
            }
            return sampled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
