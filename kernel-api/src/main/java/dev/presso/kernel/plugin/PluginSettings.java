package dev.presso.kernel.plugin;

import dev.presso.kernel.PressoException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A plugin's settings checked against the {@link PluginOption}s it declares: an unknown name is
 * refused when the settings are made, an absent setting reads as its option's default, and every
 * typed read that fails names the owner, the setting, its value and what was expected.
 *
 * <p>Values are read with surrounding blanks stripped. Reading a name that no option declares is
 * the plugin's own bug and throws {@link IllegalStateException}.
 *
 * @param owner who the settings are for, as messages name it, such as {@code method rtn}
 * @param values the given settings by name, as text
 * @param options the options the owner declares, with their defaults
 * @since 1.0
 */
public record PluginSettings(String owner, Map<String, String> values, List<PluginOption> options) {
    /** The largest edit distance at which an unknown name gets a did-you-mean suggestion. */
    private static final int SUGGESTION_DISTANCE = 2;

    /**
     * Copies the components and refuses setting names that no option declares.
     *
     * @param owner the owner, for messages
     * @param values the given settings
     * @param options the declared options
     * @throws PressoException naming the owner, the unknown setting, its value, a close option name
     *     when there is exactly one, and the declared names
     */
    public PluginSettings {
        Objects.requireNonNull(owner, "owner must not be null");
        values = Map.copyOf(values);
        options = List.copyOf(options);
        List<String> known = options.stream().map(PluginOption::name).toList();
        for (Map.Entry<String, String> entry : values.entrySet()) {
            if (!known.contains(entry.getKey())) {
                throw new PressoException(owner + ": unknown setting '" + entry.getKey() + "' (value \""
                        + entry.getValue() + "\"); " + suggestion(entry.getKey(), known) + "expected "
                        + (known.isEmpty() ? "no settings" : "one of " + String.join(", ", known)));
            }
        }
    }

    /**
     * Returns a setting's text, for settings with a grammar of their own.
     *
     * @param name a declared option's name
     * @return the given value, or the option's default when absent, stripped of surrounding blanks
     * @throws IllegalStateException if no option is named {@code name}
     */
    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            value = options.stream().filter(o -> o.name().equals(name)).findFirst()
                    .orElseThrow(() -> new IllegalStateException(owner + " reads undeclared setting " + name))
                    .defaultValue();
        }
        return value.strip();
    }

    /**
     * Reads a whole-number setting within a range.
     *
     * @param name a declared option's name
     * @param minimum the smallest allowed value, inclusive
     * @param maximum the largest allowed value, inclusive; {@link Integer#MAX_VALUE} for no bound
     * @return the value
     * @throws PressoException if the text is not a decimal integer in {@code [minimum, maximum]}
     */
    public int integer(String name, int minimum, int maximum) {
        return (int) integer(name, (long) minimum, maximum == Integer.MAX_VALUE ? Long.MAX_VALUE : maximum);
    }

    /**
     * Reads a whole-number setting within a range, for values beyond {@code int}.
     *
     * @param name a declared option's name
     * @param minimum the smallest allowed value, inclusive
     * @param maximum the largest allowed value, inclusive; {@link Long#MAX_VALUE} for no bound
     * @return the value
     * @throws PressoException if the text is not a decimal integer in {@code [minimum, maximum]}
     */
    public long integer(String name, long minimum, long maximum) {
        try {
            long value = Long.parseLong(text(name));
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, maximum == Long.MAX_VALUE ? "an integer >= " + minimum
                : "an integer in [" + minimum + ", " + maximum + "]");
    }

    /**
     * Reads a finite decimal setting within a range.
     *
     * @param name a declared option's name
     * @param minimum the smallest allowed value, inclusive
     * @param maximum the largest allowed value, inclusive
     * @return the value
     * @throws PressoException if the text is not a finite number in {@code [minimum, maximum]}
     */
    public double decimal(String name, double minimum, double maximum) {
        try {
            double value = Double.parseDouble(text(name));
            if (Double.isFinite(value) && value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "a number in [" + minimum + ", " + maximum + "]");
    }

    /**
     * Reads a yes/no setting.
     *
     * @param name a declared option's name
     * @return the value
     * @throws PressoException if the text is not {@code true} or {@code false} (in any case)
     */
    public boolean flag(String name) {
        String text = text(name).toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return text.equals("true");
        }
        throw invalid(name, "true or false");
    }

    /**
     * Reads a setting that takes one of a few words.
     *
     * @param name a declared option's name
     * @param allowed the words it may take, matched exactly
     * @return the word given
     * @throws PressoException if the text is none of {@code allowed}
     */
    public String choice(String name, String... allowed) {
        String text = text(name);
        if (Arrays.asList(allowed).contains(text)) {
            return text;
        }
        throw invalid(name, "one of " + String.join(", ", allowed));
    }

    /**
     * Returns an error about a setting's value, for checks of the plugin's own (a pattern's grammar,
     * a rule between two settings).
     *
     * @param name a declared option's name
     * @param expected what the value should be, such as {@code "an integer >= 2"}
     * @return the exception to throw, naming the owner, the setting, its value and {@code expected}
     */
    public PressoException invalid(String name, String expected) {
        return new PressoException(owner + ": setting '" + name + "' is \"" + text(name) + "\"; expected " + expected);
    }

    private static String suggestion(String unknown, List<String> known) {
        List<String> close = known.stream().filter(k -> distance(unknown, k) <= SUGGESTION_DISTANCE)
                .collect(Collectors.toList());
        return close.size() == 1 ? "did you mean '" + close.getFirst() + "'? " : "";
    }

    /** Levenshtein distance: the fewest insertions, deletions and substitutions turning a into b. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
