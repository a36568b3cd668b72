package dev.presso.registry.format;

import java.io.Serial;

/**
 * A registry document, key or bundle that cannot be trusted or read, with the reason a caller can
 * act on. The message names the file or field, the value and what was expected.
 */
public class RegistryException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why something was refused. */
    public enum Reason {
        /** The document is not valid JSON or a field is missing or of the wrong form. */
        MALFORMED,
        /** A key file or encoded key is not an Ed25519 key. */
        INVALID_KEY,
        /** No signature is made by a trusted key. */
        UNKNOWN_KEY,
        /** A signature by a trusted key does not verify. */
        BAD_SIGNATURE,
        /** The index's expiry lies in the past. */
        EXPIRED,
        /** The index is older than one already seen. */
        ROLLBACK,
        /** The bundle's SHA-256 differs from the index. */
        HASH_MISMATCH,
        /** The bundle's size differs from the index. */
        SIZE_MISMATCH,
        /** The plugin or version is not in the index. */
        NOT_FOUND,
        /** The publisher key does not own the plugin's namespace. */
        NOT_OWNER,
        /** Reading or writing a file failed. */
        IO
    }

    private final Reason reason;

    /**
     * Creates the exception.
     *
     * @param reason why
     * @param message what, naming the file or field, the value and what was expected
     */
    public RegistryException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    /**
     * Creates the exception with a cause.
     *
     * @param reason why
     * @param message what, naming the file or field, the value and what was expected
     * @param cause the underlying failure
     */
    public RegistryException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    /**
     * Returns why something was refused.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }
}
