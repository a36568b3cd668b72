package dev.presso.host.internal.cli;

import dev.presso.kernel.PressoException;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.server.PublishRefusedException;
import java.util.function.Supplier;

/**
 * Turns the registry module's refusals (an untrusted index, a refused upload, a malformed key or
 * name) into {@link PressoException}s, which the command line prints as one line with exit code 2.
 */
final class RegistryErrors {
    private RegistryErrors() {}

    /**
     * Runs a registry action.
     *
     * @param action the action
     * @param <T> its result
     * @return its result
     * @throws PressoException with the refusal's message
     */
    static <T> T guarded(Supplier<T> action) {
        try {
            return action.get();
        } catch (RegistryException | PublishRefusedException | IllegalArgumentException e) {
            throw new PressoException(e.getMessage(), e);
        }
    }
}
