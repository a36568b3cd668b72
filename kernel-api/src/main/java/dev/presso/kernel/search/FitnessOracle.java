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

    /**
     * Scores an allocation on the selection tokens of a named draw: the same draw always means the
     * same tokens. A strategy that compares candidates on one draw compares them on the same data,
     * and a search resumed from a checkpoint repeats the draws of the run it continues (name
     * draws by generation and selection stage, not by call count). The default ignores the draw.
     *
     * @param allocation the levels to apply
     * @param tokens how many selection tokens to evaluate on, at least 1
     * @param draw which minibatch of selection tokens, any number
     * @return the fitness, lower is better
     * @since 1.0
     */
    default double fitness(Allocation allocation, long tokens, long draw) {
        return fitness(allocation, tokens);
    }
}
