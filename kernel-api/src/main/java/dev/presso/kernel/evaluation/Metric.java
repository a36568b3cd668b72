package dev.presso.kernel.evaluation;

import java.util.Objects;

/**
 * One named measurement of a model.
 *
 * @param name the metric's name, such as {@code "perplexity"}
 * @param value the measured value
 * @param unit the unit, such as {@code "nats/token"}, or empty when dimensionless
 * @since 1.0
 */
public record Metric(String name, double value, String unit) {
    /**
     * Validates the components.
     *
     * @param name the name
     * @param value the value
     * @param unit the unit
     */
    public Metric {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(unit, "unit must not be null");
    }
}
