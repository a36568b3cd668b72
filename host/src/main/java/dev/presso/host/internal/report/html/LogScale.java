package dev.presso.host.internal.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A base-10 logarithmic axis spanning whole decades; ticks at powers of ten, plus 2 and 5 times
 * them when the axis spans few decades.
 *
 * @param lowExponent the domain's start, {@code 10^lowExponent}
 * @param highExponent the domain's end, {@code 10^highExponent}, above the start
 * @param from the pixel of the start
 * @param to the pixel of the end
 */
record LogScale(int lowExponent, int highExponent, double from, double to) implements Scale {
    private static final int FEW_DECADES = 3;

    /** Fits whole decades around {@code [min, max]}, both positive. */
    static LogScale fit(double min, double max, double from, double to) {
        int low = (int) Math.floor(Math.log10(min));
        int high = (int) Math.ceil(Math.log10(max));
        return new LogScale(low, Math.max(high, low + 1), from, to);
    }

    @Override
    public double map(double value) {
        return from + (Math.log10(value) - lowExponent) / (highExponent - lowExponent) * (to - from);
    }

    @Override
    public List<Double> ticks() {
        boolean fine = highExponent - lowExponent <= FEW_DECADES;
        List<Double> ticks = new ArrayList<>();
        for (int exponent = lowExponent; exponent <= highExponent; exponent++) {
            double power = Math.pow(10, exponent);
            ticks.add(power);
            if (fine && exponent < highExponent) {
                ticks.add(2 * power);
                ticks.add(5 * power);
            }
        }
        return ticks;
    }

    @Override
    public boolean logarithmic() {
        return true;
    }
}
