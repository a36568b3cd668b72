package dev.presso.host.internal.run;

import dev.presso.host.internal.report.model.SearchPoint;
import dev.presso.host.internal.report.model.SearchTrace;
import dev.presso.host.internal.report.model.UnitLevel;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * Turns what a search stage recorded into the report's trace: the {@value #FITNESS} series (the
 * best fitness by generation, KL divergence to the dense model) and the allocation it ended with.
 */
final class SearchTraces {
    /** The series a strategy records its best fitness per generation in. */
    static final String FITNESS = "fitness";

    private SearchTraces() {}

    /**
     * Builds the trace of a search over a database.
     *
     * @param stage the stage name
     * @param series the stage's recorded series
     * @param database the database
     * @param allocation the allocation
     * @param outcome the stage's figures
     * @return the trace
     */
    static SearchTrace of(String stage, SeriesLog series, LevelDatabase database, Allocation allocation,
            Map<String, Object> outcome) {
        List<UnitLevel> levels = new ArrayList<>();
        for (int u = 0; u < database.units().size(); u++) {
            LevelDatabase.Unit unit = database.units().get(u);
            int level = allocation.levels().get(u);
            levels.add(new UnitLevel(unit.name(), unit.group(), level, unit.levels().size(),
                    unit.levels().get(level).name()));
        }
        return new SearchTrace(stage, "kl", points(series), levels, wholeNumbers(outcome));
    }

    /**
     * Builds the trace of a search over one method's levels.
     *
     * @param stage the stage name
     * @param series the stage's recorded series
     * @param units the units searched
     * @param levelNames the method's level names, in level order
     * @param allocation the allocation
     * @param outcome the stage's figures
     * @return the trace
     */
    static SearchTrace of(String stage, SeriesLog series, List<SearchUnit> units, List<String> levelNames,
            Allocation allocation, Map<String, Object> outcome) {
        List<UnitLevel> levels = new ArrayList<>();
        for (int u = 0; u < units.size(); u++) {
            int level = allocation.levels().get(u);
            levels.add(new UnitLevel(units.get(u).name(), units.get(u).group(), level, levelNames.size(),
                    levelNames.get(level)));
        }
        return new SearchTrace(stage, "kl", points(series), levels, wholeNumbers(outcome));
    }

    /** Keeps a summary's whole numbers, those of nested maps as {@code key.inner}. */
    private static Map<String, Long> wholeNumbers(Map<String, Object> summary) {
        Map<String, Long> numbers = new java.util.TreeMap<>();
        summary.forEach((key, value) -> {
            if (value instanceof Long || value instanceof Integer) {
                numbers.put(key, ((Number) value).longValue());
            } else if (value instanceof Map<?, ?> inner) {
                inner.forEach((name, number) -> {
                    if (number instanceof Long || number instanceof Integer) {
                        numbers.put(key + "." + name, ((Number) number).longValue());
                    }
                });
            }
        });
        return numbers;
    }

    private static List<SearchPoint> points(SeriesLog series) {
        SortedMap<Long, Double> fitness = series.all().getOrDefault(FITNESS, new java.util.TreeMap<>());
        List<SearchPoint> points = new ArrayList<>();
        for (Map.Entry<Long, Double> point : fitness.entrySet()) {
            points.add(new SearchPoint(Math.toIntExact(point.getKey()), point.getValue()));
        }
        return points;
    }
}
