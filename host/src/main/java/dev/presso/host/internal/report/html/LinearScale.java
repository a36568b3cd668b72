package dev.presso.host.internal.report.html;

import java.util.ArrayList;
import java.util.List;

/**
 * A linear axis whose ends and ticks are round numbers (multiples of 1, 2 or 5 times a power of
 * ten).
 *
 * @param low the domain's start, a multiple of {@code step}
 * @param high the domain's end, a multiple of {@code step}, above {@code low}
 * @param step the tick spacing
 * @param from the pixel of {@code low}
 * @param to the pixel of {@code high}
 */
record LinearScale(double low, double high, double step, double from, double to) implements Scale {
    private static final int TARGET_TICKS = 5;
    private static final double PADDING = 0.05;

    /** Fits round ends around {@code [min, max]} widened by a small margin. */
    static LinearScale fit(double min, double max, double from, double to) {
        double span = max - min;
        if (span <= 0) {
            span = min == 0 ? 1 : Math.abs(min) * 0.2;
        }
        double paddedMin = min - span * PADDING;
        double paddedMax = max + span * PADDING;
        if (min >= 0 && paddedMin < 0) {
            paddedMin = 0; // sizes and most metrics are never negative
        }
        double step = niceStep((paddedMax - paddedMin) / TARGET_TICKS);
        double low = Math.floor(paddedMin / step) * step;
        double high = Math.ceil(paddedMax / step) * step;
        if (high <= low) {
            high = low + step;
        }
        return new LinearScale(low, high, step, from, to);
    }

    @Override
    public double map(double value) {
        return from + (value - low) / (high - low) * (to - from);
    }

    @Override
    public List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round((high - low) / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(low + i * step);
        }
        return ticks;
    }

    @Override
    public boolean logarithmic() {
        return false;
    }

    private static double niceStep(double rough) {
        double power = Math.pow(10, Math.floor(Math.log10(rough)));
        double fraction = rough / power;
        double nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return nice * power;
    }
}
