package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.Tensor;
import java.util.List;

/**
 * KL divergence {@code KL(reference || model)} of the next-token distributions, averaged over every
 * position that predicts a token of the data (the positions perplexity scores), in nats per token.
 * Full, or top-k as {@link KlDivergence} defines it. Per-position divergences are summed on the
 * host in double.
 *
 * @param maxLength the longest window, 0 for whole sequences
 * @param topK the number of reference tokens kept, 0 for the full vocabulary
 * @param batchTokens the batch size setting, 0 for automatic
 */
public record KlDivergenceEvaluator(int maxLength, int topK, int batchTokens) implements Evaluator {
    /** The id. */
    public static final String ID = "kl-divergence";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public boolean needsReference() {
        return true;
    }

    @Override
    public List<Metric> evaluate(EvaluationRequest request, PluginContext context) {
        CausalLM model = request.model();
        CausalLM reference = request.reference().orElseThrow(() -> new PressoException(ID
                + ": needs a reference model to compare with, such as the uncompressed original; none was given"));
        if (reference.vocabularySize() != model.vocabularySize()) {
            throw new PressoException(ID + ": the model has " + model.vocabularySize() + " tokens but the reference "
                    + reference.vocabularySize() + "; expected models of one vocabulary");
        }
        List<Window> windows = Protocol.DOCUMENT.windows(request.data(), maxLength, 0, model.vocabularySize());
        if (windows.isEmpty()) {
            throw new PressoException(request.data().source() + ": no sequence has two ids; nothing to compare");
        }
        double[] total = new double[1];
        long[] count = new long[1];
        List<Batch> batches = Batch.group(windows, TeacherForcing.batchTokens(batchTokens, model.vocabularySize()));
        TeacherForcing.run(ID, batches, context, (batch, tokens) -> {
            Tensor logP = reference.forward(tokens).logSoftmax();
            Tensor logQ = model.forward(tokens).logSoftmax();
            int[] positions = batch.scoredPositions();
            if (topK > 0) {
                for (double d : KlDivergence.topK(context.tensors(), logP, logQ, positions, topK)) {
                    total[0] += d;
                }
            } else {
                float[] divergence = KlDivergence.full(logP, logQ);
                for (int position : positions) {
                    total[0] += divergence[position];
                }
            }
            count[0] += positions.length;
        });
        return List.of(
                new Metric(topK > 0 ? "kl-top-" + topK : "kl", total[0] / count[0], "nats/token"),
                new Metric("predicted-tokens", count[0], "tokens"));
    }
}
