package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dynamic programming on summed layer-wise errors (the SPDY-style knapsack of the EvoPress
 * repository): it minimises the sum of the units' level errors, the "error additivity" assumption
 * EvoPress questions, exactly under the total budget and every group budget. Costs are made
 * small integers first: each unit's cheapest level is subtracted (and from the budgets), and the
 * remainders are divided by their greatest common divisor (budgets rounded down). Each group with
 * a budget (and the units of groups without one, together) is a knapsack over its reduced cost;
 * the groups are then combined over the total. The oracle is never called. Refuses units without
 * level errors, and tables over {@code max-cells} entries.
 */
public final class DynamicProgrammingSearch implements SearchStrategy {
    /** The strategy's id. */
    public static final String ID = "dp";
    private static final String UNBUDGETED = "";

    private final long maxCells;

    /**
     * Creates the strategy.
     *
     * @param maxCells the largest table (states times units) it builds
     */
    public DynamicProgrammingSearch(long maxCells) {
        this.maxCells = maxCells;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Allocation search(SearchSpace space, FitnessOracle oracle, PluginContext context) {
        context.cancellation().throwIfCancelled();
        List<SearchUnit> units = space.units();
        if (units.isEmpty()) {
            return new Allocation(List.of());
        }
        for (SearchUnit unit : units) {
            if (!unit.hasErrors()) {
                throw new PressoException(ID + ": unit " + unit.name() + " has no level errors; expected the layer-wise"
                        + " error of every level of every unit (a database stage computes them), since dp minimises"
                        + " their sum");
            }
        }
        long[] cheapest = new long[units.size()];
        long step = 0;
        for (int u = 0; u < units.size(); u++) {
            cheapest[u] = units.get(u).levelCostsBits().stream().mapToLong(Long::longValue).min().orElseThrow();
            for (long cost : units.get(u).levelCostsBits()) {
                step = gcd(step, cost - cheapest[u]);
            }
        }
        step = Math.max(step, 1);
        long totalCap = capacity(space.budgetBits(), Arrays.stream(cheapest).sum(), step, "the budget of "
                + space.budgetBits() + " bits", units.size());
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (String group : space.groups()) {
            groups.computeIfAbsent(space.groupBudgetsBits().containsKey(group) ? group : UNBUDGETED,
                    g -> new ArrayList<>()).addAll(space.unitsOf(group));
        }
        long cells = 0;
        Map<String, Long> caps = new LinkedHashMap<>();
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            long cap = totalCap;
            if (!group.getKey().equals(UNBUDGETED)) {
                long budget = space.groupBudgetsBits().get(group.getKey());
                long floor = group.getValue().stream().mapToLong(u -> cheapest[u]).sum();
                cap = Math.min(cap, capacity(budget, floor, step, "the budget of group " + group.getKey() + ", "
                        + budget + " bits,", group.getValue().size()));
            }
            caps.put(group.getKey(), cap);
            cells += (cap + 1) * (group.getValue().size() + 1);
        }
        cells += (totalCap + 1) * groups.size();
        if (cells > maxCells) {
            throw new PressoException(ID + ": the table would need " + cells + " cells (costs in steps of " + step
                    + " bits, " + (totalCap + 1) + " total states) for " + units.size() + " units; expected at most"
                    + " 'max-cells' " + maxCells + "; raise it or use another strategy");
        }
        int[] levels = new int[units.size()];
        long[][] picks = new long[groups.size()][];
        List<Knapsack> tables = new ArrayList<>();
        double[] combined = new double[Math.toIntExact(totalCap + 1)];
        Arrays.fill(combined, Double.POSITIVE_INFINITY);
        combined[0] = 0;
        int k = 0;
        for (Map.Entry<String, List<Integer>> group : groups.entrySet()) {
            Knapsack table = new Knapsack(space, group.getValue(), cheapest, step,
                    Math.toIntExact(caps.get(group.getKey())), context);
            tables.add(table);
            double[] next = new double[combined.length];
            Arrays.fill(next, Double.POSITIVE_INFINITY);
            long[] pick = new long[combined.length];
            for (int before = 0; before < combined.length; before++) {
                if (combined[before] == Double.POSITIVE_INFINITY) {
                    continue;
                }
                for (int spent = 0; spent < table.best.length && before + spent < combined.length; spent++) {
                    double error = combined[before] + table.best[spent];
                    if (error < next[before + spent]) {
                        next[before + spent] = error;
                        pick[before + spent] = spent;
                    }
                }
            }
            combined = next;
            picks[k++] = pick;
            context.cancellation().throwIfCancelled();
        }
        int best = -1;
        for (int c = 0; c < combined.length; c++) {
            if (combined[c] < Double.POSITIVE_INFINITY && (best < 0 || combined[c] < combined[best])) {
                best = c;
            }
        }
        if (best < 0) {
            throw new PressoException(ID + ": no allocation meets the budget of " + space.budgetBits()
                    + " bits and the group budgets " + space.groupBudgetsBits() + "; expected budgets at least the"
                    + " cost of each unit's cheapest level");
        }
        double summedError = combined[best];
        int state = best;
        for (int g = tables.size() - 1; g >= 0; g--) {
            int spent = Math.toIntExact(picks[g][state]);
            tables.get(g).trace(spent, levels);
            state -= spent;
        }
        if (!space.fits(levels)) {
            throw new IllegalStateException(ID + ": the allocation " + Arrays.toString(levels) + " costs "
                    + space.cost(levels) + " bits, over a budget");
        }
        context.logger().log(System.Logger.Level.INFO, ID + ": summed level error " + summedError + " at "
                + space.cost(levels) + " of " + space.budgetBits() + " bits");
        return new Allocation(Arrays.stream(levels).boxed().toList());
    }

    private static long capacity(long budget, long floor, long step, String what, int units) {
        if (budget < floor) {
            throw new PressoException(ID + ": no allocation fits " + what + " the cheapest levels of its " + units
                    + " units cost " + floor + " bits; expected a budget of at least " + floor + " bits");
        }
        return (budget - floor) / step;
    }

    private static long gcd(long a, long b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /** The least summed error of a group's units at each exact reduced cost, with the levels chosen. */
    private static final class Knapsack {
        final double[] best;
        private final List<Integer> units;
        private final int[][] choice;
        private final int[][] reduced;

        Knapsack(SearchSpace space, List<Integer> units, long[] cheapest, long step, int cap, PluginContext context) {
            this.units = units;
            this.choice = new int[units.size()][cap + 1];
            this.reduced = new int[units.size()][];
            double[] current = new double[cap + 1];
            Arrays.fill(current, Double.POSITIVE_INFINITY);
            current[0] = 0;
            for (int i = 0; i < units.size(); i++) {
                context.cancellation().throwIfCancelled();
                SearchUnit unit = space.units().get(units.get(i));
                int levels = unit.levelCount();
                reduced[i] = new int[levels];
                for (int l = 0; l < levels; l++) {
                    long r = (unit.cost(l) - cheapest[units.get(i)]) / step;
                    reduced[i][l] = r > cap ? -1 : (int) r;
                }
                double[] next = new double[cap + 1];
                Arrays.fill(next, Double.POSITIVE_INFINITY);
                for (int c = 0; c <= cap; c++) {
                    if (current[c] == Double.POSITIVE_INFINITY) {
                        continue;
                    }
                    for (int l = 0; l < levels; l++) {
                        int r = reduced[i][l];
                        if (r < 0 || c + r > cap) {
                            continue;
                        }
                        double error = current[c] + unit.levelErrors().get(l);
                        if (error < next[c + r]) {
                            next[c + r] = error;
                            choice[i][c + r] = l;
                        }
                    }
                }
                current = next;
            }
            this.best = current;
        }

        void trace(int spent, int[] levels) {
            int state = spent;
            for (int i = units.size() - 1; i >= 0; i--) {
                int level = choice[i][state];
                levels[units.get(i)] = level;
                state -= reduced[i][level];
            }
        }
    }
}
