package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Level;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Level ladders of the baselines and the check that a level is one a method offers. */
final class Levels {
    private Levels() {}

    /**
     * Returns levels at tenths: {@code prefix-0.10} with value 0.1 and so on.
     *
     * @param prefix the name's prefix, such as {@code "sparsity"}
     * @param tenths the tenths in the order the levels go
     * @return the levels
     */
    static List<Level> tenths(String prefix, int... tenths) {
        List<Level> levels = new ArrayList<>();
        for (int t : tenths) {
            levels.add(fraction(prefix, t / 10.0));
        }
        return List.copyOf(levels);
    }

    /**
     * Returns the level of a fraction, named with at least two decimals: {@code sparsity-0.50},
     * {@code sparsity-0.625}.
     *
     * @param prefix the name's prefix
     * @param value the fraction
     * @return the level
     */
    static Level fraction(String prefix, double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (decimal.scale() < 2) {
            decimal = decimal.setScale(2);
        }
        return new Level(prefix + "-" + decimal.toPlainString(), value);
    }

    /**
     * Returns the tenths of a level made by {@link #tenths}.
     *
     * @param level the level
     * @return {@code round(10 * value)}
     */
    static int tenthsOf(Level level) {
        return (int) Math.round(level.value() * 10);
    }

    /**
     * Checks that a level is one of a method's.
     *
     * @param method the method's id
     * @param levels its levels
     * @param level the level asked for
     * @throws PressoException naming the level and the offered ones if it is not among them
     */
    static void require(String method, List<Level> levels, Level level) {
        if (!levels.contains(level)) {
            throw new PressoException(method + ": level " + level.name() + " (" + level.value()
                    + ") is not one this method offers; expected one of "
                    + levels.stream().map(Level::name).collect(Collectors.joining(", ")));
        }
    }
}
