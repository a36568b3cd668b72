package dev.presso.host.internal.data;

import dev.presso.kernel.PressoException;
import java.io.Serial;

/**
 * A data file that cannot be read as token sequences: missing, unreadable, of an unknown format, or
 * malformed. The message names the file, where in it, what was found and what was expected.
 */
public final class DataFormatException extends PressoException {
    @Serial private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the file, the place and what was expected
     */
    public DataFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with the failure that revealed the problem.
     *
     * @param message the file, the place and what was expected
     * @param cause the underlying failure
     */
    public DataFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
