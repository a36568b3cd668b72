package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.kernel.method.Level;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds the method level a pipeline names: by the level's name ({@code 4bit}), or by its value
 * written as a number ({@code 4}, {@code 0.5}) or a percentage ({@code 50%} is 0.5).
 */
public final class Levels {
    private static final double TOLERANCE = 1e-9;
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?%?");

    private Levels() {}

    /**
     * Finds a level.
     *
     * @param ref the level as written
     * @param levels the method's levels
     * @return the level whose name equals the text, else the first whose value equals the number
     */
    public static Optional<Level> find(LevelRef ref, List<Level> levels) {
        Optional<Level> byName = levels.stream().filter(l -> l.name().equals(ref.text())).findFirst();
        if (byName.isPresent()) {
            return byName;
        }
        OptionalDouble value = value(ref.text());
        return value.isEmpty() ? Optional.empty() : levels.stream()
                .filter(l -> Math.abs(l.value() - value.getAsDouble()) <= TOLERANCE * Math.max(1, Math.abs(l.value())))
                .findFirst();
    }

    /**
     * Lists levels for messages.
     *
     * @param levels the levels
     * @return such as {@code 2bit (2), 3bit (3), 4bit (4)}
     */
    public static String describe(List<Level> levels) {
        return levels.stream().map(l -> l.name() + " (" + number(l.value()) + ")").collect(Collectors.joining(", "));
    }

    private static OptionalDouble value(String text) {
        String t = text.strip();
        if (!NUMBER.matcher(t).matches()) {
            return OptionalDouble.empty();
        }
        boolean percent = t.endsWith("%");
        try {
            double v = Double.parseDouble(percent ? t.substring(0, t.length() - 1) : t);
            return OptionalDouble.of(percent ? v / 100 : v);
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.valueOf((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
