package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An evaluator's settings checked against the options it declares: unknown names are refused,
 * absent ones take their defaults, and every typed read names the setting and the expected values
 * when the text does not parse.
 */
public final class Settings {
    private final String evaluator;
    private final Map<String, String> values;

    private Settings(String evaluator, Map<String, String> values) {
        this.evaluator = evaluator;
        this.values = values;
    }

    /**
     * Checks settings against declared options.
     *
     * @param evaluator the evaluator's id, for messages
     * @param options the declared options, with defaults
     * @param settings the given values
     * @return the settings, defaults filled in
     * @throws PressoException if a setting is not declared
     */
    public static Settings of(String evaluator, List<PluginOption> options, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        options.forEach(o -> values.put(o.name(), o.defaultValue()));
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            if (!values.containsKey(entry.getKey())) {
                throw new PressoException(evaluator + ": unknown setting '" + entry.getKey() + "'; expected one of "
                        + options.stream().map(PluginOption::name).collect(Collectors.joining(", ")));
            }
            values.put(entry.getKey(), entry.getValue().strip());
        }
        return new Settings(evaluator, values);
    }

    /**
     * Reads an integer setting.
     *
     * @param name the setting
     * @param minimum the smallest allowed value
     * @return the value
     */
    public int integer(String name, int minimum) {
        String text = text(name);
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "an integer >= " + minimum);
    }

    /**
     * Reads a boolean setting.
     *
     * @param name the setting
     * @return the value
     */
    public boolean bool(String name) {
        String text = text(name).toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw invalid(name, "true or false");
    }

    /**
     * Reads a setting that names one of an enum's constants, written in lower case with hyphens.
     *
     * @param name the setting
     * @param type the enum
     * @param <E> the enum type
     * @return the constant
     */
    public <E extends Enum<E>> E choice(String name, Class<E> type) {
        String text = text(name);
        for (E constant : type.getEnumConstants()) {
            if (optionName(constant).equals(text)) {
                return constant;
            }
        }
        throw invalid(name, "one of " + java.util.Arrays.stream(type.getEnumConstants()).map(Settings::optionName)
                .collect(Collectors.joining(", ")));
    }

    /**
     * Returns how an enum constant is written in settings.
     *
     * @param constant the constant
     * @return its name in lower case with hyphens
     */
    public static String optionName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Returns an error about a setting's value.
     *
     * @param name the setting
     * @param expected what it should be
     * @return the exception to throw
     */
    public PressoException invalid(String name, String expected) {
        return new PressoException(evaluator + ": setting '" + name + "' is \"" + text(name) + "\"; expected "
                + expected);
    }

    private String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException(evaluator + " reads undeclared setting " + name);
        }
        return value;
    }
}
