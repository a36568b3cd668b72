package dev.presso.host.internal.report.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How to read one metric: its unit and which direction is better. The Pareto view and the
 * highlighting of the best variant follow {@link #goal()}.
 *
 * @param unit the unit, such as {@code nats/token}, or empty when dimensionless
 * @param goal whether smaller or larger values are better
 */
public record MetricInfo(String unit, Goal goal) {
    /** Which values of a metric are better. */
    public enum Goal {
        /** Smaller is better, as for perplexity or KL divergence. */
        @JsonProperty("minimize")
        MINIMIZE,
        /** Larger is better, as for accuracy. */
        @JsonProperty("maximize")
        MAXIMIZE;

        /**
         * Tells whether {@code a} is better than {@code b}.
         *
         * @param a a value
         * @param b another value
         * @return whether {@code a} is strictly better
         */
        public boolean better(double a, double b) {
            return this == MINIMIZE ? a < b : a > b;
        }
    }

    /**
     * A metric where smaller is better.
     *
     * @param unit the unit
     * @return the description
     */
    public static MetricInfo minimize(String unit) {
        return new MetricInfo(unit, Goal.MINIMIZE);
    }

    /**
     * A metric where larger is better.
     *
     * @param unit the unit
     * @return the description
     */
    public static MetricInfo maximize(String unit) {
        return new MetricInfo(unit, Goal.MAXIMIZE);
    }
}
