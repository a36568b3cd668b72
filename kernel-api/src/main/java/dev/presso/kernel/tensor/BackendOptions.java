package dev.presso.kernel.tensor;

import java.util.Map;
import java.util.Objects;

/**
 * Options for opening a backend.
 *
 * @param threads worker threads a CPU backend may use; 0 means one per available processor
 * @param deviceIndex the device ordinal for backends with several devices
 * @param properties provider-specific settings, keyed by name; copied, never {@code null}
 * @since 1.0
 */
public record BackendOptions(int threads, int deviceIndex, Map<String, String> properties) {
    /**
     * Validates and copies the components.
     *
     * @param threads worker threads, or 0
     * @param deviceIndex the device ordinal
     * @param properties provider-specific settings
     */
    public BackendOptions {
        if (threads < 0 || deviceIndex < 0) {
            throw new IllegalArgumentException(
                    "threads and deviceIndex must be >= 0, got " + threads + " and " + deviceIndex);
        }
        properties = Map.copyOf(Objects.requireNonNull(properties, "properties must not be null"));
    }

    /**
     * Returns the defaults: all processors, device 0, no properties.
     *
     * @return default options
     */
    public static BackendOptions defaults() {
        return new BackendOptions(0, 0, Map.of());
    }

    /**
     * Returns these options with a different thread count.
     *
     * @param count worker threads, or 0 for one per processor
     * @return the new options
     */
    public BackendOptions withThreads(int count) {
        return new BackendOptions(count, deviceIndex, properties);
    }
}
