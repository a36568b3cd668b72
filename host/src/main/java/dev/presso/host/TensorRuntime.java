package dev.presso.host;

import dev.presso.host.internal.provider.ProbedProvider;
import dev.presso.host.internal.provider.ProviderSelection;
import dev.presso.host.internal.tensor.HostTensors;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Optional;

/**
 * Opens tensor backends from the providers on the class path and puts the tensor front end, with
 * reverse-mode autodiff, over them.
 *
 * <p>The provider is chosen in this order: the name passed to {@link #openBackend}, the system
 * property {@code presso.tensor.provider}, the environment variable {@code PRESSO_TENSOR_PROVIDER},
 * and finally the available provider with the highest priority. Asking for a provider that is
 * unknown or unavailable fails with a {@link TensorException} that lists every provider with the
 * reason its probe gave; Presso never silently falls back to another one.
 *
 * <pre>{@code
 * try (TensorBackend backend = TensorRuntime.openBackend(Optional.empty(), BackendOptions.defaults())) {
 *     Tensors tensors = TensorRuntime.tensors(backend);
 *     Tensor w = tensors.randn(Shape.of(4, 3), 7).requiresGrad(true);
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class TensorRuntime {
    /** The system property that names the provider to open. */
    public static final String PROVIDER_PROPERTY = ProviderSelection.PROPERTY;
    /** The environment variable that names the provider to open. */
    public static final String PROVIDER_ENVIRONMENT = ProviderSelection.ENVIRONMENT;

    private TensorRuntime() {}

    /**
     * Returns the tensor front end of a backend. Tensors of one backend may be combined across
     * front-end instances.
     *
     * @param backend the backend, still owned (and closed) by the caller
     * @return the front end
     */
    public static Tensors tensors(TensorBackend backend) {
        return new HostTensors(backend);
    }

    /**
     * Opens the selected provider's backend.
     *
     * @param requested a provider name that overrides every other setting, if present
     * @param options the options passed to the provider
     * @return the backend, owned by the caller
     * @throws TensorException if the selected provider is unknown or unavailable, or none is
     *     available
     */
    public static TensorBackend openBackend(Optional<String> requested, BackendOptions options) {
        return ProviderSelection.select(discover(), requested, System::getProperty, System::getenv).open(options);
    }

    /**
     * Opens the backend chosen by configuration or priority, with default options.
     *
     * @return the backend, owned by the caller
     * @throws TensorException if no provider is available or a configured one is not
     */
    public static TensorBackend openBackend() {
        return openBackend(Optional.empty(), BackendOptions.defaults());
    }

    /**
     * Lists every installed provider with its availability, highest priority first.
     *
     * @return the providers; a provider that failed to load is listed as unavailable
     */
    public static List<ProviderStatus> providers() {
        return discover().stream()
                .map(p -> new ProviderStatus(p.name(), p.priority(), p.availability().available(),
                        p.availability().reason()))
                .toList();
    }

    private static List<ProbedProvider> discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return ProviderSelection.discover(loader != null ? loader : TensorRuntime.class.getClassLoader());
    }
}
