package dev.presso.kernel.evaluation;

import dev.presso.kernel.pipeline.PluginContext;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Measures a model's quality on token data, for example perplexity or KL divergence to a
 * reference model. An evaluator is configured when its {@link EvaluatorProvider} creates it and
 * can then evaluate any number of models.
 *
 * <p>Evaluators read the model and never change what it computes: an evaluator that swaps a
 * layer's operator to observe it restores it before returning, even on failure. They run the
 * model without recording gradients.
 *
 * <pre>{@code
 * Evaluator perplexity = provider.create(Map.of("max-length", "512"));
 * List<Metric> metrics = perplexity.evaluate(new EvaluationRequest(model, Optional.empty(), data), context);
 * }</pre>
 *
 * @since 1.0
 */
@ConsumerType
public interface Evaluator {
    /**
     * Returns the evaluator's id as pipelines name it, such as {@code "perplexity"}.
     *
     * @return the id
     */
    String id();

    /**
     * Returns whether {@link #evaluate} needs a reference model, as KL divergence does.
     *
     * @return {@code true} when a request without a reference is refused
     */
    default boolean needsReference() {
        return false;
    }

    /**
     * Evaluates a model.
     *
     * @param request the model, the optional reference model and the data
     * @param context the run's tensors, progress and cancellation
     * @return the measurements, never empty
     * @throws dev.presso.kernel.PressoException if the data does not fit the model (an id outside
     *     its vocabulary, no position to predict) or a needed reference model is missing
     */
    List<Metric> evaluate(EvaluationRequest request, PluginContext context);
}
