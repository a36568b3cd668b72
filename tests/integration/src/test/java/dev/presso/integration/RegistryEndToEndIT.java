package dev.presso.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.host.Host;
import dev.presso.host.PluginRegistries;
import dev.presso.host.internal.report.ReportWriter;
import dev.presso.host.internal.report.model.LayerRow;
import dev.presso.host.internal.report.model.PluginInfo;
import dev.presso.host.internal.report.model.RunReport;
import dev.presso.host.internal.report.model.VariantReport;
import dev.presso.kernel.plugin.PluginDescriptor;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.server.RegistryServer;
import dev.presso.registry.server.RegistryStore;
import dev.presso.registry.server.StoreSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of a third-party plugin: the example plugin, built as its own Maven project in
 * versions 1.0.0 and 1.1.0, is published to a registry server on loopback with a publisher key and
 * token, installed from it into a running OSGi host, used in a pipeline on the real stories260K
 * model, updated to the newer version without restarting the host, used again, and removed.
 */
class RegistryEndToEndIT {
    @TempDir Path temp;

    @Test
    void aPluginIsPublishedInstalledRunUpdatedAndRemovedWhileTheHostRuns() throws IOException {
        assumeTrue(Files.isDirectory(ExamplePlugin.MODEL), "needs " + ExamplePlugin.MODEL);
        SigningKey root = SigningKey.generate();
        SigningKey publisher = SigningKey.generate();
        RegistryStore store = RegistryStore.init(temp.resolve("registry"), "end-to-end", root,
                StoreSettings.DEFAULTS);
        String token = store.addPublisher("example", publisher.publicKey());
        Path rootKey = temp.resolve("root.pub");
        root.writePublic(rootKey);
        Path publisherKey = temp.resolve("publisher.key");
        publisher.write(publisherKey);
        Path pipeline = ExamplePlugin.pipeline(temp, "^1.0");

        try (RegistryServer server = RegistryServer.start(store, "127.0.0.1", 0);
                Host host = Host.osgi(temp.resolve("state"))) {
            String published = ExamplePlugin.publish(server.uri(), token, publisherKey, ExamplePlugin.jar("1.0.0"));
            assertTrue(published.contains("Published " + ExamplePlugin.ID + " 1.0.0"), published);
            assertTrue(published.contains("\"passed\":true"), "the conformance check must pass: " + published);
            host.install(Fixtures.jarOf(PerplexityEvaluatorProvider.class));
            PluginRegistries registries = host.registries(List.of(
                    PluginRegistries.Registry.of("loopback", server.uri(), rootKey)));

            List<PluginDescriptor> installed = registries.install(ExamplePlugin.ID + "@^1.0");
            assertEquals(List.of(ExamplePlugin.ID + " 1.0.0"), installed.stream()
                    .map(p -> p.id() + " " + p.version()).toList());
            RunReport first = report(host.run(pipeline, temp.resolve("run-1"), false));
            assertRan(first, "1.0.0");

            ExamplePlugin.publish(server.uri(), token, publisherKey, ExamplePlugin.jar("1.1.0"));
            List<PluginDescriptor> updated = registries.update(ExamplePlugin.ID);
            assertEquals(List.of(ExamplePlugin.ID + " 1.1.0"), updated.stream()
                    .map(p -> p.id() + " " + p.version()).toList());
            RunReport second = report(host.run(pipeline, temp.resolve("run-2"), false));
            assertRan(second, "1.1.0");
            assertTrue(Files.readString(temp.resolve("run-2/plugins.lock.json")).contains("\"1.1.0\""),
                    "the run's lockfile must name the updated version");
            assertTrue(Files.readString(temp.resolve("state/plugins.lock.json")).contains("\"1.1.0\""),
                    "the host's registry lockfile must name the updated version");
            assertEquals(first.baseline().metrics(), second.baseline().metrics(),
                    "the dense model is the same in both runs");
            assertNotEquals(plugin(first).sha256(), plugin(second).sha256(),
                    "the second run must have used the other bundle");

            registries.remove(ExamplePlugin.ID);
            assertTrue(host.plugins().stream().noneMatch(p -> p.id().equals(ExamplePlugin.ID)),
                    host.plugins().toString());
            assertFalse(Files.readString(temp.resolve("state/plugins.lock.json")).contains(ExamplePlugin.ID),
                    "the host's registry lockfile must no longer list the removed plugin");
            assertTrue(host.check(pipeline).stream().anyMatch(p -> p.message().contains(ExamplePlugin.ID)),
                    "after removal the pipeline must be refused for the missing plugin: " + host.check(pipeline));
        }
    }

    private static RunReport report(Host.RunSummary run) {
        assertTrue(run.succeeded(), run.problems().toString());
        return ReportWriter.read(run.folder());
    }

    private static PluginInfo plugin(RunReport report) {
        return report.run().plugins().stream().filter(p -> p.id().equals(ExamplePlugin.ID)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + ExamplePlugin.ID + " in " + report.run().plugins()));
    }

    /** The variant compressed all 35 layers with kmeans at 4 bits and stayed close to the dense model. */
    private static void assertRan(RunReport report, String version) {
        assertEquals(version, plugin(report).version(), "the report's plugin version");
        VariantReport variant = report.variants().getFirst();
        assertEquals(35, variant.layers().size(), variant.layers().toString());
        for (LayerRow row : variant.layers()) {
            assertEquals("kmeans", row.method(), row.toString());
            assertEquals("4bit", row.level(), row.toString());
        }
        double dense = report.baseline().metrics().get("perplexity");
        double clustered = variant.metrics().get("perplexity");
        double bits = (double) variant.storageBits() / variant.parameters();
        System.out.printf("example.kmeans %s: 4-bit k-means per row, %.3f bits/param, perplexity %.4f (dense"
                + " %.4f)%n", version, bits, clustered, dense);
        assertTrue(clustered > dense && clustered < dense * 1.5, "4-bit k-means perplexity " + clustered
                + " against dense " + dense);
    }
}
