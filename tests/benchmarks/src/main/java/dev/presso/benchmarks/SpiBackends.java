package dev.presso.benchmarks;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** Opens a backend the way applications do: through {@link ServiceLoader} and the tensor SPI. */
final class SpiBackends {
    private SpiBackends() {}

    /**
     * Opens the provider with the given name.
     *
     * @param name the provider name, such as {@code "cpu"}
     * @param threads worker threads, or 0 for one per processor
     * @return an open backend owned by the caller
     * @throws TensorException if no such provider is registered or it is unavailable
     */
    static TensorBackend open(String name, int threads) {
        List<String> seen = new ArrayList<>();
        for (TensorProvider provider : ServiceLoader.load(TensorProvider.class)) {
            seen.add(provider.name());
            if (provider.name().equals(name)) {
                Availability availability = provider.probe();
                if (!availability.available()) {
                    throw new TensorException("open", "provider '" + name
                            + "' is unavailable: " + availability.reason());
                }
                return provider.open(BackendOptions.defaults().withThreads(threads));
            }
        }
        throw new TensorException("open", "no tensor provider named '" + name
                + "' on the class path; found " + seen);
    }
}
