package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.pipeline.PluginContext;
import java.util.List;

/**
 * Perplexity: the mean negative log-likelihood, in nats, of every scored token given the tokens
 * before it in its window, weighted by tokens; perplexity is its exponential.
 *
 * <p>Log-softmax runs in F32 on the backend (shifted by the row maximum); the negative
 * log-probabilities of the targets are summed on the host in double.
 *
 * @param protocol how sequences become windows
 * @param maxLength the longest window, 0 for whole sequences
 * @param stride the distance between sliding windows
 * @param batchTokens the batch size setting, 0 for automatic
 */
public record PerplexityEvaluator(Protocol protocol, int maxLength, int stride, int batchTokens) implements Evaluator {
    /** The id. */
    public static final String ID = "perplexity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Metric> evaluate(EvaluationRequest request, PluginContext context) {
        CausalLM model = request.model();
        List<Window> windows = protocol.windows(request.data(), maxLength, stride, model.vocabularySize());
        if (windows.isEmpty()) {
            throw new PressoException(request.data().source() + ": no sequence has two ids; nothing to predict");
        }
        double[] total = new double[1];
        long[] count = new long[1];
        List<Batch> batches = Batch.group(windows, TeacherForcing.batchTokens(batchTokens, model.vocabularySize()));
        TeacherForcing.run(ID, batches, context, (batch, tokens) -> {
            float[] logProbs = TeacherForcing.pick(context.tensors(), model.forward(tokens).logSoftmax(),
                    batch.scoredPositions(), batch.targetTokens());
            for (float logProb : logProbs) {
                total[0] -= logProb;
            }
            count[0] += logProbs.length;
        });
        double nll = total[0] / count[0];
        return List.of(
                new Metric("nll", nll, "nats/token"),
                new Metric("perplexity", StrictMath.exp(nll), ""),
                new Metric("predicted-tokens", count[0], "tokens"),
                new Metric("windows", windows.size(), ""));
    }
}
