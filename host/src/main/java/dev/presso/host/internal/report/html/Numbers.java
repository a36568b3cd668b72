package dev.presso.host.internal.report.html;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/** Formats numbers for the page, the same way on every platform (no locale, no time zone). */
final class Numbers {
    private static final String[] BYTE_UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Numbers() {}

    /** An SVG coordinate: at most two decimals, no trailing zeros. */
    static String coordinate(double value) {
        return plain(BigDecimal.valueOf(Math.round(value * 100)).movePointLeft(2));
    }

    /** A measured value with four significant digits, in scientific form when very large or small. */
    static String value(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "∞" : "-∞";
        }
        double magnitude = Math.abs(value);
        if (magnitude != 0 && (magnitude >= 1e6 || magnitude < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", value);
        }
        return plain(new BigDecimal(value).round(new MathContext(4)));
    }

    /** A count with thousands separators, such as {@code 1,234,567}. */
    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    /** A size in bits as bytes with a binary unit, such as {@code 1.50 KiB}. */
    static String bytes(long bits) {
        double amount = bits / 8.0;
        int unit = 0;
        while (amount >= 1024 && unit < BYTE_UNITS.length - 1) {
            amount /= 1024;
            unit++;
        }
        return unit == 0 ? String.format(Locale.ROOT, "%.0f B", amount)
                : String.format(Locale.ROOT, "%.2f %s", amount, BYTE_UNITS[unit]);
    }

    /** Wall-clock seconds, such as {@code 4.2 s}, {@code 3 min 07 s} or {@code 1 h 02 min}. */
    static String seconds(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long whole = Math.round(seconds);
        if (whole < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", whole / 60, whole % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", whole / 3600, whole % 3600 / 60);
    }

    private static String plain(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.signum() == 0 ? "0" : stripped.toPlainString();
    }
}
