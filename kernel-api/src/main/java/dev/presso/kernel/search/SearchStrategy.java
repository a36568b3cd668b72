package dev.presso.kernel.search;

import dev.presso.kernel.pipeline.PluginContext;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Allocates a compression level to every unit so that the total cost stays within a budget and
 * the fitness is as low as possible.
 *
 * @since 1.0
 */
@ConsumerType
public interface SearchStrategy {
    /**
     * Returns the strategy's id as pipelines name it, such as {@code "uniform"}.
     *
     * @return the id
     */
    String id();

    /**
     * Searches for an allocation.
     *
     * @param space the units, the costs (and errors) of their levels, and the budgets
     * @param oracle scores candidate allocations
     * @param context the run's seed, progress, cancellation, checkpoints and recorded series
     * @return an allocation that {@link SearchSpace#fits fits} the space's budgets
     * @throws dev.presso.kernel.PressoException when no allocation fits, or the strategy cannot
     *     work on the space (for example it needs level errors the units do not have)
     */
    Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context);
}
