package dev.presso.kernel.evaluation;

import dev.presso.kernel.model.CausalLM;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Evaluator} measures: a model on data, optionally against a reference model
 * such as the uncompressed original.
 *
 * @param model the model under test
 * @param reference the model to compare with, on the same backend and vocabulary; empty when the
 *     evaluator needs none
 * @param data the token sequences
 * @since 1.0
 */
public record EvaluationRequest(CausalLM model, Optional<CausalLM> reference, EvaluationData data) {
    /**
     * Validates the components.
     *
     * @param model the model
     * @param reference the reference model, or empty
     * @param data the data
     */
    public EvaluationRequest {
        Objects.requireNonNull(model, "model must not be null");
        Objects.requireNonNull(reference, "reference must not be null");
        Objects.requireNonNull(data, "data must not be null");
    }

    /**
     * Creates a request without a reference model.
     *
     * @param model the model
     * @param data the data
     * @return the request
     */
    public static EvaluationRequest of(CausalLM model, EvaluationData data) {
        return new EvaluationRequest(model, Optional.empty(), data);
    }
}
