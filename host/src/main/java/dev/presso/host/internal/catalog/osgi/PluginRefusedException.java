package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.PluginProblems;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import java.io.Serial;

/**
 * A plugin the host will not load, with the problem code that classifies why; thrown to the
 * caller of an install or update, turned into a reported problem at start.
 */
final class PluginRefusedException extends PressoException {
    @Serial private static final long serialVersionUID = 1L;

    private final String code;

    /**
     * Creates a refusal.
     *
     * @param code one of {@link PluginProblems}' codes
     * @param message what is wrong, naming the plugin
     */
    PluginRefusedException(String code, String message) {
        super(message);
        this.code = code;
    }

    /**
     * Creates a refusal with a cause.
     *
     * @param code one of {@link PluginProblems}' codes
     * @param message what is wrong, naming the plugin
     * @param cause the underlying failure
     */
    PluginRefusedException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** Returns the problem code. @return one of {@link PluginProblems}' codes */
    String code() {
        return code;
    }

    /**
     * Returns the refusal as a problem.
     *
     * @param source the plugin id or file
     * @param hint how to fix it
     * @return the problem
     */
    Problem problem(String source, String hint) {
        return PluginProblems.of(code, source, getMessage(), hint);
    }
}
