package dev.presso.tck.internal;

import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.TensorBackendContract;
import dev.presso.tck.TensorBackendTestKit;
import java.util.Optional;
import java.util.function.Function;

/**
 * The conformance class {@link TensorBackendTestKit} launches: it opens the provider named by the
 * configuration parameter {@link TensorBackendTestKit#PROVIDER_PARAMETER} through the host's
 * production discovery.
 */
public final class ProviderConformance implements TensorBackendContract {
    private String provider = "";
    private boolean largeInputs = true;

    /** Creates the test instance; JUnit does this. */
    public ProviderConformance() {}

    /**
     * Reads the provider name and options from the launcher's configuration parameters.
     *
     * @param parameters looks a configuration parameter up by key
     */
    void configure(Function<String, Optional<String>> parameters) {
        provider = parameters.apply(TensorBackendTestKit.PROVIDER_PARAMETER).orElseThrow(
                () -> new IllegalStateException("set the configuration parameter "
                        + TensorBackendTestKit.PROVIDER_PARAMETER + " to the provider to test"));
        largeInputs = parameters.apply(TensorBackendTestKit.LARGE_INPUTS_PARAMETER)
                .map(Boolean::parseBoolean).orElse(true);
    }

    @Override
    public TensorBackend openBackend() {
        return TensorBackendTestKit.openProvider(provider);
    }

    @Override
    public boolean includeLargeInputs() {
        return largeInputs;
    }
}
