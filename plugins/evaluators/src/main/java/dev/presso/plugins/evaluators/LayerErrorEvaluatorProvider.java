package dev.presso.plugins.evaluators;

import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.plugins.evaluators.internal.CommonOptions;
import dev.presso.plugins.evaluators.internal.LayerErrorEvaluator;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code layer-error}: for every linear site, the relative Frobenius error of its current
 * operator against its dense weight, on the activations that reach it and on the weights.
 *
 * @since 0.1
 */
public final class LayerErrorEvaluatorProvider implements EvaluatorProvider {
    private static final PluginOption ACTIVATIONS = new PluginOption("activations", "true",
            "Measure ||op(x) - x W^T|| / ||x W^T|| on the inputs each layer receives while the model runs the data.");
    private static final PluginOption WEIGHTS = new PluginOption("weights", "true",
            "Measure ||W_op - W||_F / ||W||_F of the matrix each operator applies; needs no data.");

    /** Creates the provider; cheap. */
    public LayerErrorEvaluatorProvider() {}

    @Override
    public String id() {
        return LayerErrorEvaluator.ID;
    }

    @Override
    public String description() {
        return "Relative reconstruction error of every linear layer against its dense weight.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(ACTIVATIONS, WEIGHTS, CommonOptions.MAX_LENGTH, CommonOptions.BATCH_TOKENS);
    }

    @Override
    public Evaluator create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("evaluator " + id(), settings, options());
        int maxLength = CommonOptions.maxLength(s);
        boolean activations = s.flag(ACTIVATIONS.name());
        boolean weights = s.flag(WEIGHTS.name());
        if (!activations && !weights) {
            throw s.invalid(WEIGHTS.name(), "true when activations is false; there would be nothing to measure");
        }
        return new LayerErrorEvaluator(maxLength, activations, weights, CommonOptions.batchTokens(s));
    }
}
