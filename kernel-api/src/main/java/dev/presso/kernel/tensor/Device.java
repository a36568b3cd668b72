package dev.presso.kernel.tensor;

import java.util.Objects;

/**
 * Where a backend keeps its arrays: a kind such as {@code "cpu"} or {@code "cuda"} and an index.
 *
 * @param kind the device kind, lowercase, never blank
 * @param index the device ordinal within its kind, at least 0
 * @since 1.0
 */
public record Device(String kind, int index) {
    /**
     * Validates the components.
     *
     * @param kind the device kind
     * @param index the device ordinal
     */
    public Device {
        Objects.requireNonNull(kind, "kind must not be null");
        if (kind.isBlank() || index < 0) {
            throw new IllegalArgumentException(
                    "a device needs a non-blank kind and an index >= 0, got " + kind + ":" + index);
        }
    }

    /**
     * Returns the host CPU.
     *
     * @return {@code cpu:0}
     */
    public static Device cpu() {
        return new Device("cpu", 0);
    }

    /**
     * Returns a CUDA GPU.
     *
     * @param index the CUDA device ordinal
     * @return {@code cuda:index}
     */
    public static Device cuda(int index) {
        return new Device("cuda", index);
    }

    @Override
    public String toString() {
        return kind + ":" + index;
    }
}
