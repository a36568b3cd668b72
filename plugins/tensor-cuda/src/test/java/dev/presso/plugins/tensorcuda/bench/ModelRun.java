package dev.presso.plugins.tensorcuda.bench;

import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The real stories260K model on one backend: logits for the first rows of
 * {@code samples-256x64.i32}, and their throughput.
 *
 * @param logits the logits of the rows, row-major {@code [rows, 256, 512]}
 * @param seconds the forward pass's wall time, after one warm-up pass
 */
public record ModelRun(float[] logits, double seconds) {
    /** Tokens per row of the samples file. */
    public static final int ROW_LENGTH = 256;

    /**
     * Loads the model on a backend and runs the first {@code rows} sample rows through it.
     *
     * @param data the shared data folder (holding {@code stories260k/})
     * @param backend the backend
     * @param rows how many rows, 1 to 64
     * @return the logits and the timed pass's duration
     */
    public static ModelRun run(Path data, TensorBackend backend, int rows) {
        Path model = data.resolve("stories260k");
        int[] tokens = Arrays.copyOf(samples(model), rows * ROW_LENGTH);
        Tensors tensors = TensorRuntime.tensors(backend);
        try (TensorScope scope = tensors.scope(); GradMode noGrad = tensors.noGrad()) {
            CausalLM lm = Models.load(model, tensors);
            Tensor input = tensors.ofInts(tokens, Shape.of(rows, ROW_LENGTH));
            lm.forward(input).toFloatArray();
            long start = System.nanoTime();
            float[] logits = lm.forward(input).toFloatArray();
            return new ModelRun(logits, (System.nanoTime() - start) / 1e9);
        }
    }

    /**
     * Returns the largest absolute difference between two runs' logits.
     *
     * @param other the run to compare with
     * @return {@code max |a - b|}
     */
    public double maxDifference(ModelRun other) {
        double max = 0;
        for (int i = 0; i < logits.length; i++) {
            max = Math.max(max, Math.abs((double) logits[i] - other.logits[i]));
        }
        return max;
    }

    private static int[] samples(Path model) {
        try {
            byte[] bytes = Files.readAllBytes(model.resolve("samples-256x64.i32"));
            int[] ids = new int[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(ids);
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
