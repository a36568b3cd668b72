package dev.presso.kernel.evaluation;

import dev.presso.kernel.plugin.PluginOption;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes {@link Evaluator}s of one kind from settings; the host discovers providers through
 * {@code META-INF/services/dev.presso.kernel.evaluation.EvaluatorProvider}.
 *
 * <p>Providers are cheap: listing them loads no model and no native code.
 *
 * @since 1.0
 */
@ConsumerType
public interface EvaluatorProvider {
    /**
     * Returns the id of the evaluators this provider makes, such as {@code "perplexity"}.
     *
     * @return the id, unique among installed providers
     */
    String id();

    /**
     * Returns one sentence on what the evaluator measures.
     *
     * @return the description
     */
    String description();

    /**
     * Returns every setting {@link #create} accepts, with its default.
     *
     * @return the settings, possibly none
     */
    List<PluginOption> options();

    /**
     * Creates an evaluator.
     *
     * @param settings values by {@link PluginOption#name()}; absent ones take their default
     * @return the configured evaluator
     * @throws dev.presso.kernel.PressoException if a setting is unknown or its value is invalid;
     *     the message names the setting, the value and what was expected
     */
    Evaluator create(Map<String, String> settings);
}
