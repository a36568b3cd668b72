package dev.presso.kernel.evaluation;

import java.util.Objects;

/**
 * One setting an {@link EvaluatorProvider} accepts, such as {@code max-length}.
 *
 * @param name the setting's name, lower-case words joined by hyphens
 * @param defaultValue the value used when the setting is absent, as text
 * @param description what the setting does and which values it takes
 * @since 1.0
 */
public record EvaluatorOption(String name, String defaultValue, String description) {
    /**
     * Validates the components.
     *
     * @param name the name
     * @param defaultValue the default
     * @param description the description
     */
    public EvaluatorOption {
        Objects.requireNonNull(name, "name must not be null");
        Objects.requireNonNull(defaultValue, "defaultValue must not be null");
        Objects.requireNonNull(description, "description must not be null");
        if (name.isBlank()) {
            throw new IllegalArgumentException("an option name must not be blank");
        }
    }
}
