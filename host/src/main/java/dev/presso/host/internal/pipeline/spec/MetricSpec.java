package dev.presso.host.internal.pipeline.spec;

/**
 * One evaluator an evaluate stage runs.
 *
 * @param id the evaluator id, such as {@code perplexity}
 * @param params the evaluator's settings
 * @param where where it was written
 */
public record MetricSpec(String id, Settings params, Location where) {}
