package dev.presso.host.internal.model;

import dev.presso.kernel.PressoException;
import java.io.Serial;

/**
 * A model directory or file that cannot be used as it is: a malformed or truncated file, a missing
 * or invalid configuration field, a tensor whose name, dtype or shape is not what the configuration
 * implies. The message names the file, the tensor or field, what was found and what was expected.
 */
public final class ModelFormatException extends PressoException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file, the tensor or field, and what was expected
     */
    public ModelFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that revealed the problem.
     *
     * @param message the file, the tensor or field, and what was expected
     * @param cause the underlying failure
     */
    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
