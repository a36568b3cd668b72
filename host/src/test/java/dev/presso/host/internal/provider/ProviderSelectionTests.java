package dev.presso.host.internal.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The selection order, with fake lookups for the property and the environment. */
class ProviderSelectionTests {
    private record Fake(String name, int priority, Availability probe) implements TensorProvider {
        @Override
        public TensorBackend open(BackendOptions options) {
            throw new UnsupportedOperationException("not opened in these tests");
        }
    }

    private static final List<ProbedProvider> PROVIDERS = List.of(
            ProbedProvider.probe(new Fake("cpu", 10, Availability.available("AVX-512"))),
            ProbedProvider.probe(new Fake("slow", 5, Availability.available(""))),
            ProbedProvider.probe(new Fake("cuda", 100, Availability.unavailable("libcuda.so.1 not found"))));

    private static String select(Optional<String> requested, Map<String, String> properties, Map<String, String> env) {
        return ProviderSelection.select(PROVIDERS, requested, properties::get, env::get).name();
    }

    @Test
    void explicitThenPropertyThenEnvironmentThenPriority() {
        Map<String, String> property = Map.of(ProviderSelection.PROPERTY, "slow");
        Map<String, String> env = Map.of(ProviderSelection.ENVIRONMENT, "cpu");
        assertEquals("cpu", select(Optional.of("cpu"), property, env));
        assertEquals("slow", select(Optional.empty(), property, env));
        assertEquals("cpu", select(Optional.empty(), Map.of(), env));
        assertEquals("slow", select(Optional.empty(), Map.of(), Map.of(ProviderSelection.ENVIRONMENT, "slow")));
        assertEquals("cpu", select(Optional.empty(), Map.of(), Map.of()), "highest available priority");
        assertEquals("cpu", select(Optional.of(" "), Map.of(ProviderSelection.PROPERTY, ""), Map.of()), "blank is unset");
    }

    @Test
    void theEnvironmentNamingAnUnavailableProviderFails() {
        TensorException e = assertThrows(TensorException.class, () -> select(Optional.empty(), Map.of(),
                Map.of(ProviderSelection.ENVIRONMENT, "cuda")));
        assertTrue(e.getMessage().contains("'cuda' (from environment variable PRESSO_TENSOR_PROVIDER) is not available:"
                + " libcuda.so.1 not found"), e.getMessage());
        assertTrue(e.getMessage().contains("cpu (priority 10): available, AVX-512"), e.getMessage());
    }

    @Test
    void noAvailableProviderFails() {
        TensorException none = assertThrows(TensorException.class,
                () -> ProviderSelection.select(List.of(), Optional.empty(), k -> null, k -> null));
        assertTrue(none.getMessage().contains("none is installed"), none.getMessage());
        TensorException unavailable = assertThrows(TensorException.class,
                () -> ProviderSelection.select(List.of(PROVIDERS.get(2)), Optional.empty(), k -> null, k -> null));
        assertTrue(unavailable.getMessage().contains("no tensor provider is available")
                && unavailable.getMessage().contains("libcuda.so.1 not found"), unavailable.getMessage());
    }
}
