package dev.presso.kernel;

import java.io.Serial;

/**
 * The root of every unchecked exception Presso throws.
 *
 * <p>Messages name the offending value and what was expected, so that a user can act on them
 * without reading a stack trace.
 *
 * @since 1.0
 */
public class PressoException extends RuntimeException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and what was expected; never {@code null}
     */
    public PressoException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and what was expected; never {@code null}
     * @param cause the underlying failure; never {@code null}
     */
    public PressoException(String message, Throwable cause) {
        super(message, cause);
    }
}
