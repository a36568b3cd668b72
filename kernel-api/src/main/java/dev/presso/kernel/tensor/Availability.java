package dev.presso.kernel.tensor;

import java.util.Objects;

/**
 * Whether a tensor provider can run here, and if not, why.
 *
 * @param available whether {@link TensorProvider#open(BackendOptions)} is expected to succeed
 * @param reason a short human-readable explanation, such as {@code "libcuda.so.1 not found"};
 *     never {@code null}, empty only when available
 * @since 1.0
 */
public record Availability(boolean available, String reason) {
    /**
     * Validates the components.
     *
     * @param available whether the provider can run
     * @param reason why not, or a short description
     */
    public Availability {
        Objects.requireNonNull(reason, "reason must not be null");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
    }

    /**
     * Returns an availability that says the provider can run.
     *
     * @param detail what was found, for example the CPU's vector width; may be empty
     * @return an available result
     */
    public static Availability available(String detail) {
        return new Availability(true, detail);
    }

    /**
     * Returns an availability that says the provider cannot run.
     *
     * @param reason why, naming what is missing and how to get it
     * @return an unavailable result
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
