package dev.presso.host.internal.embedded;

import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.model.llama.LlamaWeights;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Trains a LLaMA on next-token prediction with the host's real forward pass: each step uploads the
 * heap parameters as leaves that require gradients, builds a {@link LlamaModel} over them, runs a
 * batch, back-propagates the mean cross-entropy, and lets {@link AdamW} move the heap copy.
 */
final class Trainer {
    private static final int STATUS_EVERY = 10;

    private final LlamaConfig config;
    private final TrainingSettings settings;
    private final Tensors tensors;

    /**
     * Creates a trainer.
     *
     * @param config the model configuration
     * @param settings the optimizer, schedule and batch settings
     * @param tensors the front end of the backend to compute on
     */
    Trainer(LlamaConfig config, TrainingSettings settings, Tensors tensors) {
        this.config = config;
        this.settings = settings;
        this.tensors = tensors;
    }

    /**
     * Runs every step.
     *
     * @param parameters the initial parameters, trained in place
     * @param data the training tokens
     * @param seed the seed of the batch order
     * @param progress advanced by one per step; its status shows the recent loss
     * @return the losses and the time taken
     * @throws IllegalStateException if gradient recording is off on this thread
     */
    TrainingRun train(Parameters parameters, TokenStream data, long seed, ProgressSink progress) {
        if (!tensors.isGradEnabled()) {
            throw new IllegalStateException("training needs gradient recording, but it is off on this thread");
        }
        AdamW optimizer = new AdamW(settings);
        Random batches = new Random(seed);
        float[] losses = new float[settings.steps()];
        long start = System.nanoTime();
        for (int step = 0; step < settings.steps(); step++) {
            TokenStream.Batch batch = data.batch(batches, settings.batchSize(), settings.sequenceLength());
            Map<String, float[]> gradients = new HashMap<>();
            losses[step] = lossAndGradients(parameters, batch, gradients);
            optimizer.step(parameters, gradients, settings.learningRate(step));
            progress.advance(1);
            if ((step + 1) % STATUS_EVERY == 0 || step + 1 == settings.steps()) {
                progress.status(String.format(Locale.ROOT, "loss %.3f", recentLoss(losses, step)));
            }
        }
        return new TrainingRun(losses, (System.nanoTime() - start) / 1e9);
    }

    private float lossAndGradients(Parameters parameters, TokenStream.Batch batch, Map<String, float[]> gradients) {
        try (TensorScope _ = tensors.scope()) {
            LlamaWeights weights = parameters.upload(tensors, true);
            LlamaModel model = new LlamaModel(config, weights, tensors);
            Tensor logits = model.forward(tensors.ofInts(batch.inputs(), Shape.of(batch.rows(), batch.length())));
            Tensor loss = NextTokenLoss.mean(tensors, logits, batch.targets());
            float value = loss.item();
            loss.backward();
            for (String name : parameters.names()) {
                weights.get(name).grad().ifPresent(gradient -> gradients.put(name, gradient.toFloatArray()));
            }
            return value;
        }
    }

    private static double recentLoss(float[] losses, int step) {
        int from = Math.max(0, step + 1 - STATUS_EVERY);
        double sum = 0;
        for (int i = from; i <= step; i++) {
            sum += losses[i];
        }
        return sum / (step + 1 - from);
    }
}
