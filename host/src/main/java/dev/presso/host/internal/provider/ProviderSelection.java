package dev.presso.host.internal.provider;

import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Chooses a tensor provider: an explicitly requested name, else the system property
 * {@value #PROPERTY}, else the environment variable {@value #ENVIRONMENT}, else the available
 * provider of highest priority (ties broken by name). A named provider that is unknown or
 * unavailable is an error listing every provider and its probe's reason; there is no fallback.
 */
public final class ProviderSelection {
    /** The system property naming the provider. */
    public static final String PROPERTY = "presso.tensor.provider";
    /** The environment variable naming the provider. */
    public static final String ENVIRONMENT = "PRESSO_TENSOR_PROVIDER";

    private ProviderSelection() {}

    /**
     * Loads and probes every provider registered for {@link ServiceLoader}, highest priority first.
     *
     * @param loader the class loader to search
     * @return the providers with their availability
     */
    public static List<ProbedProvider> discover(ClassLoader loader) {
        return ServiceLoader.load(TensorProvider.class, loader).stream()
                .map(ProbedProvider::probe)
                .sorted(byPriority())
                .toList();
    }

    /**
     * Selects a provider.
     *
     * @param providers the probed providers
     * @param requested a name asked for by the caller, if any
     * @param properties looks up system properties
     * @param environment looks up environment variables
     * @return the provider to open
     * @throws TensorException if the named provider is unknown or unavailable, or none is available
     */
    public static TensorProvider select(List<ProbedProvider> providers, Optional<String> requested,
            Function<String, @Nullable String> properties, Function<String, @Nullable String> environment) {
        String source;
        String name;
        if (requested.filter(s -> !s.isBlank()).isPresent()) {
            name = requested.get().strip();
            source = "requested explicitly";
        } else if (nonBlank(properties.apply(PROPERTY)) != null) {
            name = nonBlank(properties.apply(PROPERTY));
            source = "from system property " + PROPERTY;
        } else if (nonBlank(environment.apply(ENVIRONMENT)) != null) {
            name = nonBlank(environment.apply(ENVIRONMENT));
            source = "from environment variable " + ENVIRONMENT;
        } else {
            return providers.stream()
                    .filter(p -> p.availability().available() && p.provider().isPresent())
                    .sorted(byPriority())
                    .findFirst()
                    .flatMap(ProbedProvider::provider)
                    .orElseThrow(() -> failure("no tensor provider is available", providers));
        }
        String wanted = Objects.requireNonNull(name);
        List<ProbedProvider> named = providers.stream().filter(p -> p.name().equalsIgnoreCase(wanted)).toList();
        if (named.isEmpty()) {
            throw failure("no tensor provider is named '" + wanted + "' (" + source + ")", providers);
        }
        return named.stream()
                .filter(p -> p.availability().available())
                .findFirst()
                .flatMap(ProbedProvider::provider)
                .orElseThrow(() -> failure("tensor provider '" + wanted + "' (" + source
                        + ") is not available: " + named.getFirst().availability().reason(), providers));
    }

    private static @Nullable String nonBlank(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static Comparator<ProbedProvider> byPriority() {
        return Comparator.comparingInt(ProbedProvider::priority).reversed().thenComparing(ProbedProvider::name);
    }

    private static TensorException failure(String problem, List<ProbedProvider> providers) {
        String listing = providers.isEmpty()
                ? "none is installed; put a provider such as presso-tensor-cpu on the class path"
                : providers.stream().map(ProbedProvider::describe).collect(Collectors.joining("; "));
        return new TensorException("openBackend", problem + ". Installed providers: " + listing);
    }
}
