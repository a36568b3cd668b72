package dev.presso.plugins.obs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.method.CompressionMethodProvider;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProvidersTest {
    @Test
    void bothMethodsAreRegistered() {
        Set<String> ids = ServiceLoader.load(CompressionMethodProvider.class).stream()
                .map(p -> p.get().id()).collect(Collectors.toSet());
        assertTrue(ids.containsAll(Set.of("gptq", "sparsegpt")), ids.toString());
    }
}
