package dev.presso.host.internal.cli;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Map;

/**
 * A deliberately plain evaluator for the CLI tests (the host cannot see the evaluators plugin):
 * the mean negative log-likelihood of each whole sequence, one sequence per forward pass, read
 * element by element on the host.
 */
public final class TestPerplexityProvider implements EvaluatorProvider {
    @Override
    public String id() {
        return "test-nll";
    }

    @Override
    public String description() {
        return "Plain mean NLL, for tests.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(new PluginOption("max-length", "0", "Truncation."));
    }

    @Override
    public Evaluator create(Map<String, String> settings) {
        for (String name : settings.keySet()) {
            if (!name.equals("max-length")) {
                throw new PressoException("test-nll: unknown setting '" + name + "'");
            }
        }
        int maxLength = Integer.parseInt(settings.getOrDefault("max-length", "0"));
        return new Evaluator() {
            @Override
            public String id() {
                return "test-nll";
            }

            @Override
            public List<Metric> evaluate(dev.presso.kernel.evaluation.EvaluationRequest request,
                    dev.presso.kernel.pipeline.PluginContext context) {
                Tensors tensors = context.tensors();
                EvaluationData data = request.data();
                double total = 0;
                long count = 0;
                try (GradMode _ = tensors.noGrad()) {
                    for (int s = 0; s < data.sequenceCount(); s++) {
                        int[] ids = data.sequence(s);
                        int n = maxLength > 0 ? Math.min(maxLength, ids.length) : ids.length;
                        try (TensorScope _ = tensors.scope()) {
                            int[] window = java.util.Arrays.copyOf(ids, n);
                            float[] logProbs = request.model().forward(tensors.ofInts(window, Shape.of(1, n)))
                                    .logSoftmax().toFloatArray();
                            int vocabulary = request.model().vocabularySize();
                            for (int t = 1; t < n; t++) {
                                total -= logProbs[(t - 1) * vocabulary + window[t]];
                                count++;
                            }
                        }
                    }
                }
                return List.of(new Metric("nll", total / count, "nats/token"),
                        new Metric("max-length", maxLength, ""));
            }
        };
    }
}
