package dev.presso.kernel.search;

import dev.presso.kernel.pipeline.PluginContext;
import java.util.List;
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
     * @param units the units and the costs of their levels
     * @param budgetBits the largest allowed total cost in bits
     * @param oracle scores candidate allocations
     * @param context the run's seed, progress and cancellation
     * @return an allocation whose total cost is at most {@code budgetBits}
     */
    Allocation search(List<SearchUnit> units, long budgetBits, FitnessOracle oracle,
            PluginContext context);
}
