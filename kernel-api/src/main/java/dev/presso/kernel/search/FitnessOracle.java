package dev.presso.kernel.search;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Scores an allocation by applying it to the model and measuring it on selection tokens; lower
 * is better (for example KL divergence to the dense model).
 *
 * @since 1.0
 */
@ProviderType
public interface FitnessOracle {
    /**
     * Scores an allocation on a token budget, so that cheap early rounds can use few tokens.
     *
     * @param allocation the levels to apply
     * @param tokens how many selection tokens to evaluate on, at least 1
     * @return the fitness, lower is better
     */
    double fitness(Allocation allocation, long tokens);
}
