package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "first and last layers at higher bits" heuristic: start from the uniform allocation (the
 * least compressed common level that meets every budget, as {@link UniformSearch} chooses), then
 * make units one level less compressed, one level at a time, while the budgets hold: in passes
 * over the units of the first and the last decoder block (the block is the first number among a
 * unit's dot-separated name parts, such as {@code model.layers.4.mlp.down_proj}), then the other
 * units in order; a unit whose raise would break a budget is skipped; passes repeat until one
 * raises nothing. The oracle is never called.
 */
public final class UniformMixSearch implements SearchStrategy {
    /** The strategy's id. */
    public static final String ID = "uniform-mix";
    private static final Pattern BLOCK = Pattern.compile("(?:^|\\.)(\\d+)(?=\\.|$)");

    /** Creates the strategy. */
    public UniformMixSearch() {}

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context) {
        Allocation uniform = new UniformSearch().search(space, oracle, context);
        int[] levels = space.toArray(uniform);
        List<Integer> order = priority(space.units());
        for (boolean raised = true; raised;) {
            context.cancellation().throwIfCancelled();
            raised = false;
            for (int u : order) {
                if (levels[u] > 0) {
                    levels[u]--;
                    if (space.fits(levels)) {
                        raised = true;
                    } else {
                        levels[u]++;
                    }
                }
            }
        }
        return new Allocation(Arrays.stream(levels).boxed().toList());
    }

    /**
     * Returns the units in the order they are raised: the first and the last decoder block's, then
     * the others, each part in unit order.
     *
     * @param units the units
     * @return unit indices
     */
    static List<Integer> priority(List<SearchUnit> units) {
        int first = Integer.MAX_VALUE;
        int last = Integer.MIN_VALUE;
        for (SearchUnit unit : units) {
            OptionalInt block = block(unit.name());
            if (block.isPresent()) {
                first = Math.min(first, block.getAsInt());
                last = Math.max(last, block.getAsInt());
            }
        }
        List<Integer> edges = new ArrayList<>();
        List<Integer> rest = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            OptionalInt block = block(units.get(u).name());
            boolean edge = block.isPresent() && (block.getAsInt() == first || block.getAsInt() == last);
            (edge ? edges : rest).add(u);
        }
        edges.addAll(rest);
        return edges;
    }

    private static OptionalInt block(String name) {
        Matcher m = BLOCK.matcher(name);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }
}
