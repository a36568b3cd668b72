package dev.presso.kernel.method;

import java.util.Objects;

/**
 * One compression level a method offers, such as 4 bits or 50% sparsity.
 *
 * @param name a stable label, such as {@code "4bit"} or {@code "sparsity-0.50"}
 * @param value the level's magnitude in the method's unit (bits, sparsity, rank fraction)
 * @since 1.0
 */
public record Level(String name, double value) {
    /**
     * Validates the components.
     *
     * @param name the label
     * @param value the magnitude
     */
    public Level {
        Objects.requireNonNull(name, "name must not be null");
        if (name.isBlank() || !Double.isFinite(value)) {
            throw new IllegalArgumentException(
                    "a level needs a non-blank name and a finite value, got " + name + "=" + value);
        }
    }
}
