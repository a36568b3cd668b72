package dev.presso.host.internal.report.model;

import java.util.List;

/**
 * When a run started and how long its parts took: the only part of a report that changes from one
 * run to the next, kept apart so results compare byte for byte.
 *
 * @param startedAt the start, as an ISO-8601 instant, or empty when unknown
 * @param totalSeconds the run's wall-clock seconds
 * @param stages the stages, in the order they ran
 */
public record RunTimings(String startedAt, double totalSeconds, List<StageTiming> stages) {
    /** No timings, for a report written without them. */
    public static final RunTimings NONE = new RunTimings("", 0, List.of());

    /** Copies the stages. */
    public RunTimings {
        stages = List.copyOf(stages);
    }
}
