package dev.presso.host.internal.embedded;

import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.kernel.model.Tokenizer;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import java.util.List;

/**
 * Teacher-forced perplexity on held-out stories, next to the perplexity of the training text's
 * unigram distribution (add-one smoothed) on the same targets. Each story is encoded with
 * {@code <s>}, cut to the model's context, and its ids 1 onward are predicted from a fresh context.
 */
final class HeldOutEvaluation {
    private HeldOutEvaluation() {}

    /**
     * The measured perplexities.
     *
     * @param model the model's perplexity
     * @param unigram the unigram baseline's perplexity
     * @param targets the number of predicted tokens
     */
    record Perplexities(double model, double unigram, long targets) {}

    /**
     * Measures a model on stories.
     *
     * @param config the model configuration
     * @param parameters the model's parameters
     * @param stories the held-out stories
     * @param tokenizer the model's tokenizer
     * @param unigramCounts how often each id occurs in the training text
     * @param tensors the front end to compute on
     * @return both perplexities
     */
    static Perplexities measure(LlamaConfig config, Parameters parameters, List<String> stories, Tokenizer tokenizer,
            long[] unigramCounts, Tensors tensors) {
        double[] unigramLogProbability = unigramLogProbabilities(unigramCounts);
        double modelNll = 0;
        double unigramNll = 0;
        long targets = 0;
        try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
            LlamaModel model = new LlamaModel(config, parameters.upload(tensors, false), tensors);
            for (String story : stories) {
                int[] ids = Documents.encode(tokenizer, story);
                ids = Arrays.copyOf(ids, Math.min(ids.length, config.maxPositionEmbeddings() + 1));
                if (ids.length < 2) {
                    continue;
                }
                int[] inputs = Arrays.copyOf(ids, ids.length - 1);
                int[] next = Arrays.copyOfRange(ids, 1, ids.length);
                try (TensorScope _ = tensors.scope()) {
                    modelNll += NextTokenLoss.sum(tensors,
                            model.forward(tensors.ofInts(inputs, Shape.of(1, inputs.length))), next).item();
                }
                for (int id : next) {
                    unigramNll -= unigramLogProbability[id];
                }
                targets += next.length;
            }
        }
        if (targets == 0) {
            throw new IllegalArgumentException("no held-out story has a token to predict");
        }
        return new Perplexities(StrictMath.exp(modelNll / targets), StrictMath.exp(unigramNll / targets), targets);
    }

    private static double[] unigramLogProbabilities(long[] counts) {
        long total = Arrays.stream(counts).sum();
        double[] logProbability = new double[counts.length];
        for (int id = 0; id < counts.length; id++) {
            logProbability[id] = StrictMath.log((counts[id] + 1.0) / (total + counts.length));
        }
        return logProbability;
    }
}
