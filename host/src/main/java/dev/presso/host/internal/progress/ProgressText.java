package dev.presso.host.internal.progress;

import java.time.Duration;
import java.util.Locale;

/** The wording of plain progress lines: counts, rates and durations. */
final class ProgressText {
    private ProgressText() {}

    /** Rejects a negative step count, which the {@code ProgressSink} contract forbids. */
    static void checkSteps(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("progress advances by at least 0 steps, got " + steps);
        }
    }

    /** A rate in steps per second with about three significant digits, such as {@code 12.5/s}. */
    static String rate(double perSecond) {
        String pattern = perSecond >= 100 ? "%.0f/s" : perSecond >= 10 ? "%.1f/s" : "%.2f/s";
        return String.format(Locale.ROOT, pattern, perSecond);
    }

    /** An elapsed time with tenths below a minute, such as {@code 8.3s}, {@code 2m05s}, {@code 1h02m}. */
    static String elapsed(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 60_000) {
            return String.format(Locale.ROOT, "%.1fs", millis / 1000.0);
        }
        return whole(duration);
    }

    /** A remaining time in whole seconds, such as {@code 42s}, {@code 3m07s} or {@code 1h02m}. */
    static String whole(Duration duration) {
        long seconds = Math.round(duration.toMillis() / 1000.0);
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }

    /** A share of a total in whole percent, rounded down so that 100% means done. */
    static long percent(long done, long total) {
        return (long) Math.min(100, Math.floor(done * 100.0 / total));
    }
}
