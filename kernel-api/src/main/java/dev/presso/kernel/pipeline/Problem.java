package dev.presso.kernel.pipeline;

import java.util.Objects;

/**
 * One thing wrong with a user's input, reported with a stable code, a location and a hint.
 *
 * @param code a stable identifier such as {@code PRESSO/UNKNOWN_KEY}
 * @param message what is wrong, naming the offending value and what was expected
 * @param source where: a file with line and column, a tensor name, or a field path
 * @param hint how to fix it; empty when there is nothing to add
 * @since 1.0
 */
public record Problem(String code, String message, String source, String hint) {
    /**
     * Validates the components.
     *
     * @param code the stable code
     * @param message the description
     * @param source the location
     * @param hint the fix
     */
    public Problem {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(source, "source must not be null");
        Objects.requireNonNull(hint, "hint must not be null");
    }

    /**
     * Formats the problem on one line as {@code source: [code] message (hint)}.
     *
     * @return the formatted problem
     */
    public String format() {
        return source + ": [" + code + "] " + message + (hint.isEmpty() ? "" : " (" + hint + ")");
    }
}
