package dev.presso.plugins.evaluators;

import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.plugins.evaluators.internal.CommonOptions;
import dev.presso.plugins.evaluators.internal.KlDivergenceEvaluator;
import java.util.List;
import java.util.Map;

/**
 * Provides {@code kl-divergence}: {@code KL(reference || model)} of the next-token distributions
 * (nats/token), over the full vocabulary or coarse-grained to the reference's top k tokens, which
 * is never larger.
 *
 * @since 0.1
 */
public final class KlDivergenceEvaluatorProvider implements EvaluatorProvider {
    private static final PluginOption TOP_K = new PluginOption("top-k", "0",
            "Keep the reference's k most likely tokens and one bucket for the rest (0 <= top-k KL <= full KL);"
                    + " 0 uses the full vocabulary.");

    /** Creates the provider; cheap. */
    public KlDivergenceEvaluatorProvider() {}

    @Override
    public String id() {
        return KlDivergenceEvaluator.ID;
    }

    @Override
    public String description() {
        return "KL divergence of the model's next-token distributions from a reference model's (nats/token).";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(CommonOptions.MAX_LENGTH, TOP_K, CommonOptions.BATCH_TOKENS);
    }

    @Override
    public Evaluator create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("evaluator " + id(), settings, options());
        int maxLength = CommonOptions.maxLength(s);
        return new KlDivergenceEvaluator(maxLength, s.integer(TOP_K.name(), 0, Integer.MAX_VALUE),
                CommonOptions.batchTokens(s));
    }
}
