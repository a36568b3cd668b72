package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.kernel.PressoException;
import java.util.function.Supplier;

/**
 * A plugin's exception, with the plugin and the call it came from, so the run reports "method rtn
 * of baselines 0.1.0 on model.layers.0.mlp.up_proj failed: ..." instead of a stack trace.
 */
final class PluginFailureException extends PressoException {
    private static final long serialVersionUID = 1L;

    private PluginFailureException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Runs a plugin call, wrapping anything it throws (cancellation excepted).
     *
     * @param plugin the plugin that provides the code called
     * @param call what is called, for the message
     * @param body the call
     * @param <T> the result type
     * @return the result
     */
    static <T> T attribute(InstalledPlugin plugin, String call, Supplier<T> body) {
        try {
            return body.get();
        } catch (RunCancellation.RunCancelledException | PluginFailureException e) {
            throw e;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            String detail = e.getMessage() == null ? "" : ": " + e.getMessage();
            throw new PluginFailureException(call + " (plugin " + plugin.id() + " " + plugin.version() + ") failed with "
                    + e.getClass().getSimpleName() + detail, e);
        }
    }
}
