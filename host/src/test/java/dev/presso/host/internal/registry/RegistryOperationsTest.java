package dev.presso.host.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.osgi.OsgiPluginManager;
import dev.presso.kernel.PressoException;
import dev.presso.registry.client.SeenVersions;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.Provides;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.ReleaseStatement;
import dev.presso.registry.format.SigningKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Installing from a real registry store into a running OSGi host, and every refusal leaving no trace. */
class RegistryOperationsTest {
    @TempDir Path temp;
    private LoopbackRegistry registry;
    private Path state;
    private OsgiPluginManager manager;

    @BeforeEach
    void setUp() {
        registry = new LoopbackRegistry(temp.resolve("store"));
        state = temp.resolve("state");
        manager = OsgiPluginManager.start(state);
    }

    @AfterEach
    void tearDown() {
        manager.close();
    }

    private RegistryOperations operations() {
        return new RegistryOperations(manager, state, List.of(registry.entry()), Clock.systemUTC());
    }

    private List<PluginChange> install(String... requests) {
        return operations().install(Arrays.stream(requests).map(PluginRequest::parse).toList());
    }

    private Map<String, String> installed() {
        Map<String, String> versions = new TreeMap<>();
        manager.catalog().plugins().forEach(p -> versions.put(p.id(), p.version()));
        return versions;
    }

    @Test
    void installsTheNewestRunnableVersionWithWhatItRequiresAndLocksThem() {
        registry.publish("acme.base", "1.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.base", "2.0.0", "[2.0,3)", Map.of());
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of("acme.base", "[1.0,2)"));
        Release wanted = registry.publish("acme.kmeans", "1.1.0", "[1.0,2)", Map.of("acme.base", "[1.0,2)"));
        registry.publish("acme.kmeans", "1.2.0", "[1.0,2)", Map.of("acme.base", "[1.0,2)"));
        registry.publish("acme.kmeans", "2.0.0", "[1.0,2)", Map.of());
        registry.store.yank("acme.kmeans", "1.2.0", "wrong cluster count");

        List<PluginChange> changes = install("acme.kmeans@^1.0");

        assertEquals(List.of("acme.base", "acme.kmeans"),
                changes.stream().map(c -> c.after().orElseThrow().id()).toList());
        assertEquals(Map.of("acme.base", "1.0.0", "acme.kmeans", "1.1.0"), installed());
        RegistryLock lock = RegistryLock.read(state);
        assertEquals(List.of(new RegistryLock.Entry("acme.base", "1.0.0", "local", registry.entry().url(),
                        registry.store.index().release("acme.base", "1.0.0").orElseThrow().sha256(), Map.of()),
                new RegistryLock.Entry("acme.kmeans", "1.1.0", "local", registry.entry().url(), wanted.sha256(),
                        Map.of("acme.base", "[1.0,2)"))),
                lock.plugins());
        assertRefused(() -> operations().remove("acme.base"), "plugin acme.base is still needed: acme.kmeans 1.1.0"
                + " requires acme.base [1.0,2); remove that plugin first");
        assertTrue(SeenVersions.in(state).highest(registry.store.publicRoot().toUri().toString()).isPresent());
    }

    @Test
    void updatesToTheNewestVersionAndRemovesWithTheLockEntry() {
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        install("acme.kmeans@1.0.0");
        registry.publish("acme.kmeans", "1.3.0", "[1.0,2)", Map.of());
        registry.publish("acme.kmeans", "1.4.0", "[9.0,10)", Map.of());

        List<PluginChange> changes = operations().update(List.of());

        assertEquals("1.0.0 -> 1.3.0", changes.getFirst().before().orElseThrow().version() + " -> "
                + changes.getFirst().after().orElseThrow().version());
        assertEquals("1.3.0", RegistryLock.read(state).plugins().getFirst().version());
        assertEquals(List.of(), operations().update(List.of("acme.kmeans")), "already the newest");

        operations().remove("acme.kmeans");
        assertEquals(Map.of(), installed());
        assertEquals(List.of(), RegistryLock.read(state).plugins());
    }

    @Test
    void installsWhatAPipelineNamesAndTheHostLacks() throws IOException {
        registry.publish("acme.base", "1.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.kmeans", "2.0.0", "[1.0,2)", Map.of());
        install("acme.base");
        Path pipeline = Files.writeString(temp.resolve("pipeline.yaml"), """
                presso: 1
                model: default
                plugins:
                  acme.base: ^1.0
                  acme.kmeans: ^1.0
                data:
                  evaluation: default
                stages:
                  - evaluate: {metrics: [perplexity]}
                """);
        List<PluginChange> changes = operations().installFor(pipeline);
        assertEquals(List.of("acme.kmeans 1.0.0"), changes.stream()
                .map(c -> c.after().orElseThrow().id() + " " + c.after().orElseThrow().version()).toList());
        assertEquals(List.of(), operations().installFor(pipeline));
        Files.writeString(pipeline, "presso: 1\nplugins: {acme.kmeans: ^1}\n");
        assertRefused(() -> operations().installFor(pipeline), "is not a valid pipeline");
    }

    @Test
    void takesEachPluginFromTheFirstRegistryThatListsIt() {
        LoopbackRegistry mirror = new LoopbackRegistry(temp.resolve("second"), "second");
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of("acme.base", "[1.0,2)"));
        mirror.publish("acme.kmeans", "1.9.0", "[1.0,2)", Map.of());
        mirror.publish("acme.base", "1.2.0", "[1.0,2)", Map.of());
        RegistryOperations both = new RegistryOperations(manager, state, List.of(registry.entry(), mirror.entry()),
                Clock.systemUTC());

        both.install(List.of(PluginRequest.parse("acme.kmeans")));

        assertEquals(Map.of("acme.base", "1.2.0", "acme.kmeans", "1.0.0"), installed());
        assertEquals(List.of("second", "local"), RegistryLock.read(state).plugins().stream()
                .map(RegistryLock.Entry::registry).toList());
        assertEquals(List.of("acme.base 1.2.0 second", "acme.kmeans 1.0.0 local"), both.search("acme").stream()
                .map(l -> l.release().id() + " " + l.release().version() + " " + l.registry()).toList());
    }

    @Test
    void explainsWhyNoVersionFits() {
        registry.publish("acme.base", "1.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of("acme.base", "[2.0,3)"));
        registry.publish("acme.new", "1.0.0", "[2.0,3)", Map.of());

        assertRefused(() -> install("acme.kmeans"), "cannot install plugin acme.base: no version satisfies"
                + " acme.kmeans 1.0.0 ([2.0,3)); registry local lists 1.0.0 (not wanted by acme.kmeans 1.0.0)");
        assertRefused(() -> install("acme.new"), "1.0.0 (needs kernel-api [2.0,3), this host has 1.0.0)");
        registry.publish("acme.base", "2.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.app", "1.0.0", "[1.0,2)", Map.of("acme.base", "[1.0,2)", "acme.lib", "[1.0,2)"));
        registry.publish("acme.lib", "1.0.0", "[1.0,2)", Map.of("acme.base", "[2.0,3)"));
        assertRefused(() -> install("acme.app"), "cannot install plugin acme.base: no version satisfies acme.app 1.0.0"
                + " ([1.0,2)) and acme.lib 1.0.0 ([2.0,3)); registry local lists 2.0.0 (not wanted by acme.app 1.0.0),"
                + " 1.0.0 (not wanted by acme.lib 1.0.0)");

        assertRefused(() -> install("acme.kmeans@^3"), "not wanted by the request acme.kmeans@^3");
        assertRefused(() -> install("acme.none"), "no registry lists plugin acme.none");
    }

    @Test
    void keepsWhatInstalledPluginsRequireOfAnUpdatedOne() {
        registry.publish("acme.base", "1.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.app", "1.0.0", "[1.0,2)", Map.of("acme.base", "[1.0,2)"));
        install("acme.app");
        registry.publish("acme.base", "1.5.0", "[1.0,2)", Map.of());
        registry.publish("acme.base", "2.0.0", "[1.0,2)", Map.of());

        operations().update(List.of("acme.base"));
        assertEquals(Map.of("acme.app", "1.0.0", "acme.base", "1.5.0"), installed());
        assertRefused(() -> install("acme.base@^2"), "no version satisfies the request acme.base@^2 (>=2.0.0 <3.0.0)"
                + " and the installed acme.app 1.0.0 ([1.0,2))");
    }

    @Test
    void aRefusedPluginUndoesTheOthersOfTheSameInstall() {
        registry.publish("acme.base", "1.0.0", "[1.0,2)", Map.of());
        registry.publish("acme.base", "1.1.0", "[1.0,2)", Map.of());
        install("acme.base@1.0.0");
        registry.publish("acme.broken", "1.0.0", "[1.0,2)", Map.of("acme.base", "[1.1,2)"),
                "dev.presso.kernel;version=\"[1.0,2)\",com.example.missing;version=\"[1,2)\"");

        assertRefused(() -> install("acme.broken"), "plugin acme.broken 1.0.0 from registry local was refused");
        assertEquals(Map.of("acme.base", "1.0.0"), installed());
    }

    @Test
    void aModifiedBundleIsRefused() {
        Release release = registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        byte[] bytes = registry.read(release.bundle());
        bytes[bytes.length / 2] ^= 1;
        registry.write(release.bundle(), bytes);
        assertRefused(() -> install("acme.kmeans"), "SHA-256");
    }

    @Test
    void aBundleSignedByAnUnknownKeyIsRefused() {
        byte[] bundle = LoopbackRegistry.bundle("acme.kmeans", "1.0.0", LoopbackRegistry.RUNNABLE);
        PluginDescriptor descriptor = new PluginDescriptor("acme.kmeans", "1.0.0", "[1.0,2)", Provides.NONE, Map.of(),
                "forged", null, null);
        String path = RegistryLayout.bundlePath("acme.kmeans", "1.0.0");
        Release forged = new Release(path, dev.presso.registry.format.Sha256.hex(bundle), bundle.length,
                Instant.now(), ReleaseStatement.sign(SigningKey.generate(), descriptor, bundle), descriptor);
        try {
            Files.createDirectories(registry.store.publicRoot().resolve(path).getParent());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        registry.write(path, bundle);
        registry.serve(registry.nextIndex(Instant.now().plus(Duration.ofDays(1))).withRelease(forged),
                registry.rootKey);
        assertRefused(() -> install("acme.kmeans"), "which is not a key of namespace acme");
    }

    @Test
    void anIndexWithABadSignatureIsRefused() {
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        var next = registry.nextIndex(Instant.now().plus(Duration.ofDays(1)));
        String index = new String(registry.read(RegistryLayout.INDEX), java.nio.charset.StandardCharsets.UTF_8);
        registry.write(RegistryLayout.INDEX, index.replace("test plugin acme.kmeans", "test plugin acme.kmeanz")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRefused(() -> install("acme.kmeans"), "does not match the index content");
        registry.serve(next, SigningKey.generate());
        assertRefused(() -> install("acme.kmeans"), "none of which is a trusted root key");
    }

    @Test
    void anExpiredIndexIsRefused() {
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        registry.serve(registry.nextIndex(Instant.now().minus(Duration.ofHours(1))), registry.rootKey);
        assertRefused(() -> install("acme.kmeans"), "expired at");
    }

    @Test
    void anIndexOlderThanOneSeenIsRefused() {
        registry.publish("acme.base", "1.0.0", "[1.0,2)", Map.of());
        byte[] old = registry.read(RegistryLayout.INDEX);
        registry.publish("acme.kmeans", "1.0.0", "[1.0,2)", Map.of());
        install("acme.base");
        registry.write(RegistryLayout.INDEX, old);
        assertRefused(() -> install("acme.kmeans"), "is older than version");
    }

    /** Runs an install that must fail, and checks that the message says why and nothing changed. */
    private void assertRefused(Runnable install, String expected) {
        Map<String, String> pluginsBefore = installed();
        Map<String, byte[]> stateBefore = snapshot(state);
        PressoException e = assertThrows(PressoException.class, install::run);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(pluginsBefore, installed());
        Map<String, byte[]> stateAfter = snapshot(state);
        assertEquals(stateBefore.keySet(), stateAfter.keySet(), "the files of the state folder");
        stateBefore.forEach((file, bytes) -> assertTrue(Arrays.equals(bytes, stateAfter.get(file)),
                "the state file " + file + " changed"));
    }

    private static Map<String, byte[]> snapshot(Path folder) {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(file).toString(), Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return files;
    }
}
