package dev.presso.plugins.tensorcpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendCapability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class CpuTensorProviderTest {
    @Test
    void serviceLoaderFindsTheProvider() {
        boolean found = ServiceLoader.load(TensorProvider.class).stream()
                .anyMatch(p -> p.type() == CpuTensorProvider.class);
        assertTrue(found, "META-INF/services names CpuTensorProvider");
    }

    @Test
    void probeReportsTheVectorWidthThreadsAndLapack() {
        CpuTensorProvider provider = new CpuTensorProvider();
        assertEquals("cpu", provider.name());
        assertEquals(10, provider.priority());
        Availability availability = provider.probe();
        assertTrue(availability.available(), availability.reason());
        assertTrue(availability.reason().matches("Vector API \\d+-bit, \\d+ threads, LAPACK: .+"),
                availability.reason());
    }

    @Test
    void openHonoursThreadsAndReportsCapabilities() {
        CpuTensorProvider provider = new CpuTensorProvider();
        try (TensorBackend one = provider.open(new BackendOptions(1, 0,
                Map.of(CpuTensorProvider.LINALG_PROPERTY, "java")))) {
            assertEquals("cpu", one.name());
            assertEquals(Device.cpu(), one.device());
            assertFalse(one.capabilities().contains(BackendCapability.MULTI_THREADED));
            assertFalse(one.capabilities().contains(BackendCapability.NATIVE_LAPACK));
            assertTrue(one.capabilities().contains(BackendCapability.BF16_GEMM));
        }
        try (TensorBackend all = provider.open(BackendOptions.defaults())) {
            boolean many = Runtime.getRuntime().availableProcessors() > 1;
            assertEquals(many, all.capabilities().contains(BackendCapability.MULTI_THREADED));
        }
    }

    @Test
    void anUnknownLinearAlgebraChoiceIsRefused() {
        TensorException e = assertThrows(TensorException.class, () -> new CpuTensorProvider()
                .open(new BackendOptions(1, 0, Map.of(CpuTensorProvider.LINALG_PROPERTY, "x"))));
        assertTrue(e.getMessage().contains("expected 'auto' or 'java'"), e.getMessage());
    }
}
