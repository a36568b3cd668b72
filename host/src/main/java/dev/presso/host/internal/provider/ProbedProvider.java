package dev.presso.host.internal.provider;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.jspecify.annotations.Nullable;

/**
 * A provider found on the class path with the answer of its probe. A provider that failed to
 * load or whose probe threw is kept, unavailable, with the failure as its reason.
 *
 * @param name the provider's name, or its class name if it could not be asked
 * @param priority its priority, or {@link Integer#MIN_VALUE} if it could not be asked
 * @param availability whether it can run here, and why not
 * @param provider the instance, absent if it failed to load
 */
public record ProbedProvider(String name, int priority, Availability availability,
        Optional<TensorProvider> provider) {

    /** Loads and probes one service entry without letting any failure escape. */
    static ProbedProvider probe(ServiceLoader.Provider<TensorProvider> entry) {
        String className = entry.type().getName();
        @Nullable TensorProvider instance = null;
        try {
            instance = entry.get();
            return new ProbedProvider(instance.name(), instance.priority(), safeProbe(instance), Optional.of(instance));
        } catch (RuntimeException | LinkageError | ServiceConfigurationError e) {
            String reason = (instance == null ? "failed to load " : "failed to describe itself: ") + className
                    + ": " + e;
            return new ProbedProvider(className, Integer.MIN_VALUE, Availability.unavailable(reason), Optional.empty());
        }
    }

    /** Probes an instance, turning an exception (a contract violation) into a reason. */
    public static ProbedProvider probe(TensorProvider instance) {
        return new ProbedProvider(instance.name(), instance.priority(), safeProbe(instance), Optional.of(instance));
    }

    private static Availability safeProbe(TensorProvider provider) {
        try {
            Availability availability = provider.probe();
            return availability == null ? Availability.unavailable("probe() returned null") : availability;
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("probe() threw " + e);
        }
    }

    /** Returns one line for listings, such as {@code cuda (priority 100): unavailable, libcuda.so.1 not found}. */
    String describe() {
        String reason = availability.reason().isBlank() ? "" : ", " + availability.reason();
        return name + " (priority " + (priority == Integer.MIN_VALUE ? "?" : priority) + "): "
                + (availability.available() ? "available" : "unavailable") + reason;
    }
}
