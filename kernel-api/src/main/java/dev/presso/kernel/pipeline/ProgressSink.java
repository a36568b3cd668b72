package dev.presso.kernel.pipeline;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Receives progress of one task; the host draws it as a bar on a terminal and as plain lines in
 * logs.
 *
 * @since 1.0
 */
@ProviderType
public interface ProgressSink extends AutoCloseable {
    /**
     * Advances the task.
     *
     * @param steps completed steps since the last call, at least 0
     */
    void advance(long steps);

    /**
     * Replaces the short status shown next to the bar, such as the current layer's name.
     *
     * @param message the status, never {@code null}
     */
    void status(String message);

    /** Marks the task finished. */
    @Override
    void close();
}
