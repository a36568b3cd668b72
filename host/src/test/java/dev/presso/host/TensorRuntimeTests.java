package dev.presso.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Provider selection through ServiceLoader, with the test providers registered in this module's
 * test resources: {@code test-unavailable} (priority 1000), {@code test-throwing} (500, its probe
 * throws) and the reference backend (0).
 */
class TensorRuntimeTests {
    private static void assumeNoConfiguredProvider() {
        assumeTrue(System.getenv(TensorRuntime.PROVIDER_ENVIRONMENT) == null, "PRESSO_TENSOR_PROVIDER is set");
        assumeTrue(System.getProperty(TensorRuntime.PROVIDER_PROPERTY) == null, "presso.tensor.provider is set");
    }

    @Test
    void listsEveryProviderWithItsAvailability() {
        List<ProviderStatus> providers = TensorRuntime.providers();
        assertEquals(List.of("test-unavailable", "test-throwing", "reference"),
                providers.stream().map(ProviderStatus::name).toList(), "highest priority first");
        assertFalse(providers.get(0).available());
        assertEquals(UnavailableTestProvider.REASON, providers.get(0).reason());
        assertFalse(providers.get(1).available());
        assertTrue(providers.get(1).reason().contains("probe exploded"), providers.get(1).reason());
        assertTrue(providers.get(2).available());
    }

    @Test
    void picksTheHighestPriorityAvailableProvider() {
        assumeNoConfiguredProvider();
        try (TensorBackend backend = TensorRuntime.openBackend()) {
            assertEquals(ReferenceBackend.NAME, backend.name());
            Tensors tensors = TensorRuntime.tensors(backend);
            assertEquals(6f, tensors.full(Shape.of(2, 3), 1f).sum().item());
        }
    }

    @Test
    void anUnavailableProviderIsAnErrorListingEveryReason() {
        TensorException e = assertThrows(TensorException.class,
                () -> TensorRuntime.openBackend(Optional.of("test-unavailable"), BackendOptions.defaults()));
        String message = e.getMessage();
        assertTrue(message.contains("'test-unavailable' (requested explicitly) is not available: "
                + UnavailableTestProvider.REASON), message);
        assertTrue(message.contains("reference (priority 0): available"), message);
        assertTrue(message.contains("test-throwing (priority 500): unavailable, probe() threw"), message);
    }

    @Test
    void anUnknownProviderIsAnError() {
        TensorException e = assertThrows(TensorException.class,
                () -> TensorRuntime.openBackend(Optional.of("tpu"), BackendOptions.defaults()));
        assertTrue(e.getMessage().contains("no tensor provider is named 'tpu'"), e.getMessage());
        assertTrue(e.getMessage().contains("test-unavailable (priority 1000): unavailable"), e.getMessage());
    }

    @Test
    void theSystemPropertySelectsAndNeverFallsBack() {
        assumeNoConfiguredProvider();
        System.setProperty(TensorRuntime.PROVIDER_PROPERTY, "test-unavailable");
        try {
            TensorException e = assertThrows(TensorException.class, TensorRuntime::openBackend);
            assertTrue(e.getMessage().contains("from system property presso.tensor.provider"), e.getMessage());
            System.setProperty(TensorRuntime.PROVIDER_PROPERTY, "REFERENCE");
            try (TensorBackend backend = TensorRuntime.openBackend()) {
                assertEquals(ReferenceBackend.NAME, backend.name(), "names match case-insensitively");
            }
            try (TensorBackend backend = TensorRuntime.openBackend(Optional.of("reference"), BackendOptions.defaults())) {
                assertEquals(ReferenceBackend.NAME, backend.name(), "an explicit name beats the property");
            }
        } finally {
            System.clearProperty(TensorRuntime.PROVIDER_PROPERTY);
        }
    }
}
