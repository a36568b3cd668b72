package dev.presso.kernel.plugin;

import java.util.Objects;

/**
 * One setting a plugin's provider accepts (an evaluator's {@code max-length}, a method's
 * {@code group-size}); pipelines give settings as text under {@code params}.
 *
 * @param name the setting's name, lower-case words joined by hyphens
 * @param defaultValue the value used when the setting is absent, as text
 * @param description what the setting does and which values it takes
 * @since 1.0
 */
public record PluginOption(String name, String defaultValue, String description) {
    /**
     * Validates the components.
     *
     * @param name the name
     * @param defaultValue the default
     * @param description the description
     */
    public PluginOption {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(defaultValue, "defaultValue must not be null");
        Objects.requireNonNull(description, "description must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an option name must not be blank");
        }
    }
}
