package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;

/**
 * Runs batches of windows through a model teacher-forced: without gradient recording, each batch
 * in its own tensor scope, checking cancellation and reporting progress between batches.
 */
public final class TeacherForcing {
    /** The most logits one automatically sized batch produces: 2^25 F32 values, 128 MiB. */
    static final long LOGIT_BUDGET = 1L << 25;
    /**
     * The most ids one automatically sized batch holds. The model releases each layer's
     * intermediates when the layer ends, so memory no longer grows with the batch beyond the logits;
     * on stories260K over tensor-cpu, batches of 1,024 to 16,384 ids ran at the same speed, and
     * 4,096 keeps a layer's activations within the last-level cache of small models.
     */
    static final long MAX_BATCH_TOKENS = 4096;

    private TeacherForcing() {}

    /** Scores one batch. */
    @FunctionalInterface
    public interface Scorer {
        /**
         * Scores a batch; tensors created here are released after it returns.
         *
         * @param batch the windows
         * @param tokens their padded ids, I32 {@code [size, width]}
         */
        void score(Batch batch, Tensor tokens);
    }

    /**
     * Returns how many padded ids a batch may hold.
     *
     * @param setting the user's {@code batch-tokens}, or 0 for automatic
     * @param vocabularySize the model's vocabulary
     * @return the setting, or the most ids whose logits fit {@link #LOGIT_BUDGET}, at most
     *     {@link #MAX_BATCH_TOKENS}
     */
    public static long batchTokens(int setting, int vocabularySize) {
        if (setting > 0) {
            return setting;
        }
        return Math.max(1, Math.min(MAX_BATCH_TOKENS, LOGIT_BUDGET / vocabularySize));
    }

    /**
     * Runs every batch.
     *
     * @param task the progress task's name
     * @param batches the batches
     * @param context the run's tensors, progress and cancellation
     * @param scorer what to do with each batch
     */
    public static void run(String task, List<Batch> batches, PluginContext context, Scorer scorer) {
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); ProgressSink progress = context.progress(task, batches.size())) {
            for (Batch batch : batches) {
                context.cancellation().throwIfCancelled();
                try (TensorScope _ = tensors.scope()) {
                    scorer.score(batch, tensors.ofInts(batch.paddedTokens(), Shape.of(batch.size(), batch.width())));
                }
                progress.advance(1);
            }
        }
    }

    /**
     * Picks one value per (position, id) pair out of {@code [B, W, V]} values, on the backend.
     *
     * @param tensors the front end
     * @param values per-position rows over the vocabulary, {@code [B, W, V]}
     * @param positions flat positions {@code b * W + p}
     * @param ids one id per position
     * @return {@code values[position, id]} for each pair
     */
    public static float[] pick(Tensors tensors, Tensor values, int[] positions, int[] ids) {
        long vocabulary = values.shape().dim(-1);
        long size = values.shape().size();
        if (size > Integer.MAX_VALUE) {
            throw new PressoException("a batch of " + values.shape() + " logits is too large to index with int32;"
                    + " lower the batch-tokens setting");
        }
        int[] flat = new int[positions.length];
        for (int i = 0; i < flat.length; i++) {
            flat[i] = (int) (positions[i] * vocabulary + ids[i]);
        }
        return values.reshape(size, 1).gather(tensors.ofInts(flat, Shape.of(flat.length))).toFloatArray();
    }
}
