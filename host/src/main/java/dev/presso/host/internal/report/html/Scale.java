package dev.presso.host.internal.report.html;

import java.util.List;

/** Maps data values to pixels along one axis, with tick values for the axis. */
sealed interface Scale permits LinearScale, LogScale {
    /** The ratio of largest to smallest value beyond which a positive axis turns logarithmic. */
    double LOG_RATIO = 100;

    /**
     * Returns the pixel of a value.
     *
     * @param value a value inside the domain
     * @return the pixel
     */
    double map(double value);

    /**
     * Returns the values to mark on the axis, inside the domain.
     *
     * @return the ticks, ascending
     */
    List<Double> ticks();

    /**
     * Returns whether the axis is logarithmic, so its title can say so.
     *
     * @return whether values are placed by their logarithm
     */
    boolean logarithmic();

    /**
     * Fits a scale to the values' range: logarithmic when every value is positive and they span
     * more than {@link #LOG_RATIO}, linear with round tick values otherwise.
     *
     * @param min the smallest value, finite
     * @param max the largest value, finite
     * @param from the pixel of the domain's start
     * @param to the pixel of the domain's end
     * @return the scale
     */
    static Scale fit(double min, double max, double from, double to) {
        if (min > 0 && max / min > LOG_RATIO) {
            return LogScale.fit(min, max, from, to);
        }
        return LinearScale.fit(min, max, from, to);
    }
}
