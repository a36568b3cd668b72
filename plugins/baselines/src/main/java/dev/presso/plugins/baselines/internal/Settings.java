package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A plugin's settings checked against the options it declares: unknown names are refused, absent
 * ones take their defaults, and every typed read names the setting, its value and the expected
 * values when the text does not parse.
 */
public final class Settings {
    private final String plugin;
    private final Map<String, String> values;

    private Settings(String plugin, Map<String, String> values) {
        this.plugin = plugin;
        this.values = values;
    }

    /**
     * Checks settings against declared options.
     *
     * @param plugin the method's or strategy's id, for messages
     * @param options the declared options, with defaults
     * @param settings the given values
     * @return the settings, defaults filled in
     * @throws PressoException if a setting is not declared
     */
    public static Settings of(String plugin, List<PluginOption> options, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        options.forEach(o -> values.put(o.name(), o.defaultValue()));
        for (Map.Entry<String, String> entry : settings.entrySet()) {
            if (!values.containsKey(entry.getKey())) {
                String expected = options.isEmpty() ? "no settings"
                        : "one of " + options.stream().map(PluginOption::name).collect(Collectors.joining(", "));
                throw new PressoException(plugin + ": unknown setting '" + entry.getKey() + "' (value \""
                        + entry.getValue() + "\"); expected " + expected);
            }
            values.put(entry.getKey(), entry.getValue().strip());
        }
        return new Settings(plugin, values);
    }

    /**
     * Reads an integer setting.
     *
     * @param name the setting
     * @param minimum the smallest allowed value
     * @return the value
     */
    public int integer(String name, int minimum) {
        try {
            int value = Integer.parseInt(text(name));
            if (value >= minimum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "an integer >= " + minimum);
    }

    /**
     * Reads a finite decimal setting within a range.
     *
     * @param name the setting
     * @param minimum the smallest allowed value, inclusive
     * @param maximum the largest allowed value, inclusive
     * @return the value
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
     * Returns a setting's text, for settings with a grammar of their own.
     *
     * @param name the setting
     * @return the value, stripped of surrounding blanks
     */
    public String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new IllegalStateException(plugin + " reads undeclared setting " + name);
        }
        return value;
    }

    /**
     * Returns an error about a setting's value.
     *
     * @param name the setting
     * @param expected what it should be
     * @return the exception to throw
     */
    public PressoException invalid(String name, String expected) {
        return new PressoException(plugin + ": setting '" + name + "' is \"" + text(name) + "\"; expected "
                + expected);
    }
}
