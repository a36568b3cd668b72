package dev.presso.host.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.Host;
import dev.presso.host.PluginRegistries;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginDescriptor;
import dev.presso.registry.server.RegistryServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public facade: a configured registry, search, install, update and remove through {@link Host}. */
class PluginRegistriesTest {
    @TempDir Path temp;

    @Test
    void installsUpdatesAndRemovesThroughTheHost() throws Exception {
        LoopbackRegistry registry = new LoopbackRegistry(temp.resolve("store"));
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        Path key = Files.writeString(temp.resolve("root.pub"), registry.rootKey.publicKey().toPem());
        Path state = temp.resolve("state");
        PluginRegistries.configure(state, PluginRegistries.Registry.of("local",
                registry.store.publicRoot().toUri(), key));
        assertEquals(List.of("local"), PluginRegistries.configured(state).stream()
                .map(PluginRegistries.Registry::name).toList());

        try (Host host = Host.osgi(state)) {
            PluginRegistries registries = host.registries();
            PluginRegistries.Available found = registries.search("KMEANS").getFirst();
            assertEquals(List.of("acme.kmeans", "1.0.0", "local", List.of("m-acme.kmeans")),
                    List.of(found.id(), found.version(), found.registry(), found.provides()));

            List<PluginDescriptor> installed = registries.install("acme.kmeans@^1");
            assertEquals("1.0.0", installed.getFirst().version());
            registry.publish("acme.kmeans", "1.1.0", "[1.0,2)", Map.of());
            assertEquals("1.1.0", registries.update("acme.kmeans").getFirst().version());
            assertEquals(List.of("acme.kmeans 1.1.0"), host.plugins().stream()
                    .map(p -> p.id() + " " + p.version()).toList());
            registries.remove("acme.kmeans");
            assertTrue(host.plugins().isEmpty());
        }
        try (Host host = Host.classpath()) {
            PressoException e = assertThrows(PressoException.class, () -> host.registries(List.of()));
            assertTrue(e.getMessage().contains("need OSGi mode"), e.getMessage());
        }
        assertThrows(PressoException.class, () -> new PluginRegistries.Registry("bad name", URI.create("ftp://x/"),
                List.of("k")));
    }

    @Test
    void publishesACheckedBundleToAServerAndInstallsIt() throws Exception {
        LoopbackRegistry registry = new LoopbackRegistry(temp.resolve("store"));
        Path publisherKey = temp.resolve("acme.key");
        registry.publisherKey.write(publisherKey);
        CountingPluginContext context = new CountingPluginContext(TensorRuntime.tensors(new ReferenceBackend()));
        try (RegistryServer server = RegistryServer.start(registry.store, "127.0.0.1", 0)) {
            long before = registry.store.index().version();
            Path liar = CompiledPlugin.build(temp.resolve("liar"), "acme.liar", 1);
            PressoException refused = assertThrows(PressoException.class, () -> PluginRegistries.publish(liar, context,
                    server.uri(), publisherKey, registry.token, Map.of()));
            assertTrue(refused.getMessage().contains("failed 2 checks, so it was not published"), refused.getMessage());
            assertEquals(before, registry.store.index().version(), "nothing was stored");

            Path jar = CompiledPlugin.build(temp.resolve("sign"), "acme.sign", 0);
            PluginRegistries.Publication published = PluginRegistries.publish(jar, context, server.uri(), publisherKey,
                    registry.token, Map.of());
            assertEquals(List.of("acme.sign", "1.0.0", before + 1),
                    List.of(published.id(), published.version(), published.indexVersion()));
            assertTrue(published.checks().contains("osgi method sign level 1bit"), published.checks().toString());

            try (Host host = Host.osgi(temp.resolve("state"))) {
                PluginRegistries registries = host.registries(List.of(new PluginRegistries.Registry("local",
                        server.uri(), List.of(registry.rootKey.publicKey().toPem()))));
                assertEquals("1.0.0", registries.install("acme.sign").getFirst().version());
                assertEquals(List.of("method:sign"), host.plugins().getFirst().provides());
                Path other = CompiledPlugin.build(temp.resolve("other"), "acme.other", 0);
                assertEquals("acme.other", PluginRegistries.publish(other, context, server.uri(), publisherKey,
                        registry.token, Map.of()).id(), "publishing while a host runs its own framework");
                registries.install("acme.other");
                assertEquals(List.of("acme.other", "acme.sign"), host.plugins().stream().map(PluginDescriptor::id)
                        .toList());
            }
        }
    }
}
