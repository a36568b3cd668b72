package dev.presso.kernel.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Tells long-running plugin code that the user or the host asked it to stop.
 *
 * <p>Plugins poll it between units of work (a layer, a generation, a batch) and return promptly,
 * leaving their last checkpoint consistent.
 *
 * @since 1.0
 */
@ProviderType
public interface CancellationToken {
    /**
     * Returns whether cancellation was requested.
     *
     * @return {@code true} once the run should stop
     */
    boolean isCancelled();

    /**
     * Throws {@link dev.presso.kernel.PressoException} if cancellation was requested.
     */
    void throwIfCancelled();
}
