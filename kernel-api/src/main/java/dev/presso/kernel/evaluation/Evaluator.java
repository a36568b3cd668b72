package dev.presso.kernel.evaluation;

import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.Tensor;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Measures a model's quality on token data, for example perplexity or KL divergence to a
 * reference model.
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
     * Evaluates a model.
     *
     * @param model the model under test
     * @param tokens I32 sequences {@code [B, T]}
     * @param context the run's tensors, progress and cancellation
     * @return the measurements, never empty
     */
    List<Metric> evaluate(CausalLM model, Tensor tokens, PluginContext context);
}
