package dev.presso.host.internal.report.model;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How a search stage's fitness moved over its generations, the allocation it ended with and what
 * it spent.
 *
 * @param stage the stage's name
 * @param fitness what the fitness measures, such as {@code kl}; smaller is better
 * @param points the points, in generation order
 * @param allocation the level of every unit, in unit order; empty when unknown
 * @param outcome the stage's whole-number figures by name, sorted, such as {@code budgetBits},
 *     {@code spentBits}, {@code groupSpentBits.mlp} and {@code zeros} (examples/pipelines/README.md
 *     lists them); copied
 */
public record SearchTrace(String stage, String fitness, List<SearchPoint> points, List<UnitLevel> allocation,
        Map<String, Long> outcome) {
    /** Checks the stage name and copies the collections. */
    public SearchTrace {
        Checks.notBlank(stage, "search stage name");
        points = List.copyOf(points);
        allocation = List.copyOf(allocation);
        outcome = Collections.unmodifiableSortedMap(new TreeMap<>(outcome));
    }

    /**
     * A trace without an allocation.
     *
     * @param stage the stage's name
     * @param fitness what the fitness measures
     * @param points the points
     */
    public SearchTrace(String stage, String fitness, List<SearchPoint> points) {
        this(stage, fitness, points, List.of(), Map.of());
    }
}
