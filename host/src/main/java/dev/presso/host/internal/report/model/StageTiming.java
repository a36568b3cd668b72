package dev.presso.host.internal.report.model;

/**
 * How long one stage took.
 *
 * @param variant the variant's name, or the baseline's for shared stages
 * @param stage the stage's name
 * @param seconds the wall-clock seconds
 */
public record StageTiming(String variant, String stage, double seconds) {}
