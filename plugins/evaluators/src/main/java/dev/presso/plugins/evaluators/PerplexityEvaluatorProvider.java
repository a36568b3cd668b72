package dev.presso.plugins.evaluators;

import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.plugins.evaluators.internal.CommonOptions;
import dev.presso.plugins.evaluators.internal.PerplexityEvaluator;
import dev.presso.plugins.evaluators.internal.Protocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Provides {@code perplexity}: the token-weighted mean negative log-likelihood (nats/token) of the
 * data under the model, and its exponential, per document or over sliding windows.
 *
 * @since 0.1
 */
public final class PerplexityEvaluatorProvider implements EvaluatorProvider {
    private static final PluginOption PROTOCOL = new PluginOption("protocol", "document",
            "document: each sequence from a fresh context, truncated to max-length; sliding: windows of max-length"
                    + " ids every stride ids, each id scored once.");
    private static final PluginOption STRIDE = new PluginOption("stride", "0",
            "Distance between sliding windows, below max-length; each scored id keeps at least max-length - stride"
                    + " ids of context. 0 means half of max-length.");

    /** Creates the provider; cheap. */
    public PerplexityEvaluatorProvider() {}

    @Override
    public String id() {
        return PerplexityEvaluator.ID;
    }

    @Override
    public String description() {
        return "Perplexity and mean negative log-likelihood (nats/token) of the data under the model.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(PROTOCOL, CommonOptions.MAX_LENGTH, STRIDE, CommonOptions.BATCH_TOKENS);
    }

    @Override
    public Evaluator create(Map<String, String> settings) {
        PluginSettings s = new PluginSettings("evaluator " + id(), settings, options());
        String protocolName = s.choice(PROTOCOL.name(), "document", "sliding");
        Protocol protocol = Protocol.valueOf(protocolName.toUpperCase(Locale.ROOT));
        int maxLength = CommonOptions.maxLength(s);
        int stride = s.integer(STRIDE.name(), 0, Integer.MAX_VALUE);
        if (protocol == Protocol.SLIDING && maxLength < 2) {
            throw s.invalid(CommonOptions.MAX_LENGTH.name(), "an integer >= 2 with the sliding protocol");
        }
        if (stride > 0 && protocol == Protocol.SLIDING && stride >= maxLength) {
            throw s.invalid(STRIDE.name(), "below max-length (" + maxLength + ") so that every window's new ids have"
                    + " context");
        }
        return new PerplexityEvaluator(protocol, maxLength, stride == 0 ? Math.max(1, maxLength / 2) : stride,
                CommonOptions.batchTokens(s));
    }
}
