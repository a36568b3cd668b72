package dev.presso.host.internal.report.model;

import java.util.List;

/**
 * How a search stage's fitness moved over its generations.
 *
 * @param stage the stage's name
 * @param fitness what the fitness measures, such as {@code kl}; smaller is better
 * @param points the points, in generation order
 */
public record SearchTrace(String stage, String fitness, List<SearchPoint> points) {
    /** Checks the stage name and copies the points. */
    public SearchTrace {
        Checks.notBlank(stage, "search stage name");
        points = List.copyOf(points);
    }
}
