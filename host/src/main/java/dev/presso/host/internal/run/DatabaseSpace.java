package dev.presso.host.internal.run;

import dev.presso.host.internal.pipeline.spec.SearchBudget;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchSpace;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The search space of a level database under a budget (examples/pipelines/README.md, "Level
 * databases"), and the summary of an allocation in it: the bits spent in total and per group,
 * the level of every unit and the exact count of zero weights.
 */
final class DatabaseSpace {
    private DatabaseSpace() {}

    /**
     * Builds the space: the units with their costs, groups and errors, the total budget and the
     * group budgets.
     *
     * @param database the database
     * @param budget the budget
     * @param place where, for messages
     * @return the space
     */
    static SearchSpace of(LevelDatabase database, SearchBudget budget, String place) {
        List<SearchUnit> units = database.units().stream().map(unit -> new SearchUnit(unit.name(), unit.group(),
                unit.levels().stream().map(LevelDatabase.Entry::costBits).toList(),
                unit.levels().stream().map(LevelDatabase.Entry::error).toList())).toList();
        return switch (budget) {
            case SearchBudget.BitsPerParameter bits -> {
                requireLadder(database, false, place, "a bits-per-parameter budget");
                long parameters = database.units().stream().mapToLong(LevelDatabase.Unit::parameters).sum();
                yield new SearchSpace(units, (long) Math.floor(bits.bits() * parameters));
            }
            case SearchBudget.NominalBits nominal -> {
                requireLadder(database, false, place, "a nominal-bits-per-parameter budget");
                if (!database.provenance().kind().equals("levels")) {
                    throw new PressoException(place + ": nominal-bits-per-parameter needs a levels database, not a "
                            + database.provenance().kind() + " one");
                }
                long parameters = database.units().stream().mapToLong(LevelDatabase.Unit::parameters).sum();
                List<SearchUnit> nominalUnits = database.units().stream().map(unit -> new SearchUnit(unit.name(),
                        unit.group(), unit.levels().stream().map(level -> nominalCost(level, unit)).toList(),
                        unit.levels().stream().map(LevelDatabase.Entry::error).toList())).toList();
                yield new SearchSpace(nominalUnits, (long) Math.floor(nominal.bits() * parameters));
            }
            case SearchBudget.Center center -> {
                requireLadder(database, false, place, center.sparsityTarget() ? "sparsity: target" : "level: center");
                if (center.sparsityTarget() && !database.provenance().kind().equals("sparsity")) {
                    throw new PressoException(place + ": sparsity: target needs a sparsity database, not a "
                            + database.provenance().kind() + " one");
                }
                yield new SearchSpace(units, centreCost(units));
            }
            case SearchBudget.Drop drop -> {
                requireLadder(database, true, place, "a drop budget");
                yield dropSpace(units, drop, place);
            }
        };
    }

    /** Returns a level's nominal cost: its value (a bit width) times the unit's parameters. */
    private static long nominalCost(LevelDatabase.Entry level, LevelDatabase.Unit unit) {
        return Math.round(level.value() * unit.parameters());
    }

    /** Returns the cost of the uniform allocation at every unit's centre level. */
    static long centreCost(List<SearchUnit> units) {
        long total = 0;
        for (SearchUnit unit : units) {
            total = Math.addExact(total, unit.cost(centre(unit.levelCount())));
        }
        return total;
    }

    /** Returns the centre level of a ladder of a given length: {@code (count − 1) / 2}. */
    static int centre(int levelCount) {
        return (levelCount - 1) / 2;
    }

    private static SearchSpace dropSpace(List<SearchUnit> units, SearchBudget.Drop drop, String place) {
        Map<String, Long> groupBudgets = new TreeMap<>();
        List<String> groups = units.stream().map(SearchUnit::group).distinct().toList();
        for (String group : groups) {
            Integer dropped = drop.dropped().get(group);
            if (dropped == null) {
                throw new PressoException(place + ": the drop budget names no count for group '" + group + "'; name"
                        + " every group of the database, such as drop: {" + group + ": 0}");
            }
            List<Long> kept = new ArrayList<>(units.stream().filter(u -> u.group().equals(group))
                    .map(u -> u.cost(0)).sorted().toList());
            if (dropped > kept.size()) {
                throw new PressoException(place + ": the drop budget drops " + dropped + " " + group
                        + " sub-blocks, but the database has " + kept.size());
            }
            long budget = kept.stream().mapToLong(Long::longValue).sum() - kept.subList(0, dropped).stream()
                    .mapToLong(Long::longValue).sum();
            groupBudgets.put(group, budget);
        }
        for (String group : drop.dropped().keySet()) {
            if (!groups.contains(group)) {
                throw new PressoException(place + ": the drop budget names group '" + group + "', which the database"
                        + " does not have; it has " + String.join(", ", groups));
            }
        }
        long total = groupBudgets.values().stream().mapToLong(Long::longValue).sum();
        return new SearchSpace(units, total, groupBudgets);
    }

    private static void requireLadder(LevelDatabase database, boolean depth, String place, String budget) {
        if (database.holdsDepth() != depth) {
            throw new PressoException(place + ": " + budget + " does not suit a " + database.provenance().kind()
                    + " database; " + (depth ? "use bits-per-parameter, level: center or sparsity: target"
                            : "use drop: {attention: K, mlp: K}"));
        }
    }

    /**
     * Summarises an allocation: budgets, spent bits (total and per group), per-unit levels, the
     * exact zero count, and for ladders with a centre level the uniform allocation's zero count.
     *
     * @param database the database
     * @param space the space searched
     * @param allocation the chosen levels
     * @return the summary entries
     */
    static Map<String, Object> summary(LevelDatabase database, SearchSpace space, Allocation allocation) {
        int[] levels = space.toArray(allocation);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("budgetBits", space.budgetBits());
        summary.put("groupBudgetsBits", new TreeMap<>(space.groupBudgetsBits()));
        summary.put("spentBits", space.cost(levels));
        Map<String, Long> perGroup = new TreeMap<>();
        space.groups().forEach(group -> perGroup.put(group, space.groupCost(group, levels)));
        summary.put("groupSpentBits", perGroup);
        long parameters = database.units().stream().mapToLong(LevelDatabase.Unit::parameters).sum();
        summary.put("parameters", parameters);
        long storage = 0;
        double nominal = 0;
        for (int u = 0; u < levels.length; u++) {
            LevelDatabase.Unit unit = database.units().get(u);
            storage += unit.levels().get(levels[u]).costBits();
            nominal += unit.levels().get(levels[u]).value() * unit.parameters();
        }
        summary.put("storageBits", storage);
        summary.put("storageBitsPerParameter", (double) storage / parameters);
        if (database.provenance().kind().equals("levels")) {
            summary.put("nominalBits", Math.round(nominal));
            summary.put("nominalBitsPerParameter", nominal / parameters);
        }
        summary.put("levels", allocation.levels());
        long zeros = 0;
        long centreZeros = 0;
        for (int u = 0; u < levels.length; u++) {
            List<LevelDatabase.Entry> entries = database.units().get(u).levels();
            zeros += entries.get(levels[u]).zeros();
            centreZeros += entries.get(centre(entries.size())).zeros();
        }
        summary.put("zeros", zeros);
        if (!database.holdsDepth()) {
            summary.put("uniformZeros", centreZeros);
        }
        summary.put("levelSum", allocation.levels().stream().mapToLong(Integer::longValue).sum());
        return summary;
    }
}
