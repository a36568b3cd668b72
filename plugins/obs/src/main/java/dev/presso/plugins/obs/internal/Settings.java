package dev.presso.plugins.obs.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A method's settings checked against the options it declares: unknown names are refused, absent
 * ones take their defaults, and a value that does not parse is reported with the setting's name,
 * its value and what was expected.
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
     * @param plugin the method's id, for messages
     * @param options the declared options
     * @param settings the given values
     * @return the settings, defaults filled in
     */
    public static Settings of(String plugin, List<PluginOption> options, Map<String, String> settings) {
        Map<String, String> values = new HashMap<>();
        options.forEach(o -> values.put(o.name(), o.defaultValue()));
        settings.forEach((name, value) -> {
            if (!values.containsKey(name)) {
                throw new PressoException(plugin + ": unknown setting '" + name + "' (value \"" + value
                        + "\"); expected one of "
                        + options.stream().map(PluginOption::name).collect(Collectors.joining(", ")));
            }
            values.put(name, value.strip());
        });
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
     * Reads a finite decimal setting in {@code (minimum, maximum]}.
     *
     * @param name the setting
     * @param minimum the exclusive lower bound
     * @param maximum the inclusive upper bound
     * @return the value
     */
    public double decimal(String name, double minimum, double maximum) {
        try {
            double value = Double.parseDouble(text(name));
            if (value > minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(name, "a number in (" + minimum + ", " + maximum + "]");
    }

    /**
     * Returns a setting's text.
     *
     * @param name the setting
     * @return the value
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
