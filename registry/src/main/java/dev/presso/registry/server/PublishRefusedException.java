package dev.presso.registry.server;

import java.io.Serial;

/**
 * A publish the store refused, with the HTTP status the server answers. Nothing was stored. The
 * message names what was wrong and what was expected.
 */
public final class PublishRefusedException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /** Why a publish was refused. */
    public enum Status {
        /** Malformed request, name or bundle. */
        BAD_REQUEST(400),
        /** No token, or an unknown token. */
        UNAUTHORIZED(401),
        /** The token or key does not own the namespace, or the signature is invalid. */
        FORBIDDEN(403),
        /** The version is already published. */
        CONFLICT(409),
        /** The upload exceeds the size limit. */
        TOO_LARGE(413);

        private final int code;

        Status(int code) {
            this.code = code;
        }

        /**
         * Returns the HTTP status code.
         *
         * @return the code
         */
        public int code() {
            return code;
        }
    }

    private final Status status;

    /**
     * Creates the exception.
     *
     * @param status why
     * @param message what was wrong and what was expected
     */
    public PublishRefusedException(Status status, String message) {
        super(message);
        this.status = status;
    }

    /**
     * Returns why the publish was refused.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }
}
