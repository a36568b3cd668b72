package dev.presso.modelfixtures;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.CalibrationData;
import dev.presso.host.internal.calibration.CalibrationSettings;
import dev.presso.host.internal.calibration.Calibrator;
import dev.presso.host.internal.calibration.InputStatistics;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearSite;
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
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The real stories260K model and its data in the shared folder, on a fresh tensor-cpu backend.
 *
 * <p>The folder is {@code stories260k} under the system property {@code presso.shared.data}, which
 * surefire sets for every module. When the property or the model is missing, the constructor fails
 * a JUnit assumption, so the calling test is skipped and says why.
 *
 * <pre>{@code
 * try (Stories260k data = new Stories260k()) {
 *     CausalLM model = data.model();
 *     EvaluationData text = data.stories();
 * }
 * }</pre>
 */
public final class Stories260k implements AutoCloseable {
    /** The ids per row of {@code samples-256x64.i32}. */
    public static final int SAMPLE_LENGTH = 256;
    /** The rows of {@code samples-256x64.i32}. */
    public static final int SAMPLE_ROWS = 64;
    /** The calibration sequences run together in one forward pass. */
    private static final int CALIBRATION_BATCH = 8;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path directory;
    private final TensorBackend backend;
    private final Tensors tensors;

    /** Opens the tensor-cpu backend, or skips the calling test when the shared model is not there. */
    public Stories260k() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "system property presso.shared.data is not set; run through Maven");
        directory = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(directory.resolve("model.safetensors")),
                "the real stories260K model is not at " + directory.toAbsolutePath());
        backend = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults());
        tensors = TensorRuntime.tensors(backend);
    }

    /** Returns the folder of the model and its data files. */
    public Path directory() {
        return directory;
    }

    /** Returns the tensor-cpu backend, closed by {@link #close()}. */
    public TensorBackend backend() {
        return backend;
    }

    /** Returns the tensor front end on {@link #backend()}. */
    public Tensors tensors() {
        return tensors;
    }

    /** Loads the model; its weights live until the backend closes (or the model is closed). */
    public CausalLM model() {
        return Models.load(directory, tensors);
    }

    /** Returns the linear sites of a model except {@code lm_head}, which is tied to the embeddings. */
    public static List<LinearSite> decoderSites(CausalLM model) {
        return model.linearSites().stream().filter(s -> !s.name().equals("lm_head")).toList();
    }

    /**
     * Reads a JSON file of the folder.
     *
     * @param file the file name, such as {@code reference.json}
     */
    public JsonNode json(String file) {
        try {
            return JSON.readTree(directory.resolve(file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns {@code tinystories-text.ids.json}: the 134 real stories, one id list each. */
    public EvaluationData stories() {
        List<int[]> stories = new ArrayList<>();
        for (JsonNode story : json("tinystories-text.ids.json")) {
            stories.add(StreamSupport.stream(story.spliterator(), false).mapToInt(JsonNode::intValue).toArray());
        }
        return EvaluationData.of("tinystories-text.ids.json", stories);
    }

    /**
     * Returns the first rows of {@code samples-256x64.i32}, {@value #SAMPLE_LENGTH} sampled ids each.
     *
     * @param rows how many rows, from 0 to {@value #SAMPLE_ROWS}
     */
    public List<int[]> samples(int rows) {
        if (rows < 0 || rows > SAMPLE_ROWS) {
            throw new IllegalArgumentException("samples-256x64.i32 has " + SAMPLE_ROWS + " rows; asked for " + rows);
        }
        try {
            IntBuffer ids = ByteBuffer.wrap(Files.readAllBytes(directory.resolve("samples-256x64.i32")))
                    .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            List<int[]> sampled = new ArrayList<>(rows);
            for (int r = 0; r < rows; r++) {
                int[] row = new int[SAMPLE_LENGTH];
                ids.get(r * SAMPLE_LENGTH, row);
                sampled.add(row);
            }
            return sampled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns all of {@code samples-256x64.i32} as evaluation data. */
    public EvaluationData samples() {
        return EvaluationData.of("samples-256x64.i32", samples(SAMPLE_ROWS));
    }

    /**
     * Runs the dense model over the first sample rows and returns each linear site's input
     * statistics (row count and Gram matrix), as the host's calibration stage does with default
     * settings.
     *
     * @param model a model loaded by {@link #model()}
     * @param rows how many sample rows to calibrate on
     * @return the statistics by site name
     */
    public Map<String, InputStatistics> calibration(CausalLM model, int rows) {
        return new Calibrator(tensors, CalibrationSettings.defaults())
                .dense(model, new CalibrationData(samples(rows), CALIBRATION_BATCH));
    }

    /** Closes the backend and everything allocated on it. */
    @Override
    public void close() {
        backend.close();
    }
}
