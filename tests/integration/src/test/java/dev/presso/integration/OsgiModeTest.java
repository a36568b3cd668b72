package dev.presso.integration;

import static dev.presso.integration.ClasspathModeTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginProblems;
import dev.presso.host.internal.catalog.Sha256;
import dev.presso.host.internal.catalog.osgi.OsgiPluginManager;
import dev.presso.integration.fixtures.fragile.FragileStrategyProvider;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.tensor.TensorProvider;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import dev.presso.plugins.tensorcpu.CpuTensorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OSGi mode: plugin bundles installed, updated in place and removed in a running host, refused
 * when broken or built for another kernel-api, and remembered across restarts.
 */
class OsgiModeTest {
    @TempDir Path state;

    @AfterEach
    void restoreFragileFixture() {
        System.clearProperty(FragileStrategyProvider.FAIL_PROPERTY);
    }

    @Test
    void installsUpdatesAndRemovesAPluginWhileTheHostRuns() {
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            Catalog catalog = host.catalog();
            assertEquals(List.of(), catalog.plugins());

            PluginChange installed = host.install(Fixtures.bundle("level-1"));
            assertAll(
                    () -> assertEquals("test-level 1.0.0 [1.0,2)", describe(installed.after().orElseThrow())),
                    () -> assertEquals(List.of("test-level 1.0.0 [1.0,2)"), describeAll(catalog)),
                    () -> assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(catalog, "fixed-level")));

            PluginChange updated = host.update("test-level", Fixtures.bundle("level-2"));
            assertAll(
                    () -> assertEquals("test-level 1.0.0 [1.0,2)", describe(updated.before().orElseThrow())),
                    () -> assertEquals(List.of("test-level 2.0.0 [1.0,2)"), describeAll(catalog)),
                    () -> assertEquals(List.of(1, 1), Fixtures.levelsChosenBy(catalog, "fixed-level")),
                    () -> assertTrue(updated.oldLoaderCollected(), () -> "old loader leaked: " + updated.leak()));

            PluginChange removed = host.remove("test-level");
            assertAll(
                    () -> assertEquals("test-level 2.0.0 [1.0,2)", describe(removed.before().orElseThrow())),
                    () -> assertEquals(List.of(), catalog.plugins()),
                    () -> assertTrue(removed.oldLoaderCollected(), () -> "old loader leaked: " + removed.leak()),
                    () -> assertEquals(List.of(), catalog.problems()),
                    () -> assertEquals(List.of(), jarsIn(state)));
        }
    }

    @Test
    void reportsALeakWhenSomethingStillHoldsAnOldProvider() {
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            host.install(Fixtures.bundle("level-1"));
            SearchStrategyProvider held = host.catalog().providers(SearchStrategyProvider.class).getFirst().provider();
            PluginChange updated = host.update("test-level", Fixtures.bundle("level-2"));
            assertAll(
                    () -> assertFalse(updated.oldLoaderCollected()),
                    () -> assertEquals(PluginProblems.LEAK, updated.leak().orElseThrow().code()),
                    () -> assertProblem(host.catalog(), PluginProblems.LEAK, "test-level",
                            "the class loader of plugin test-level 1.0.0 is still reachable"),
                    // The update itself went through: the new version runs.
                    () -> assertEquals(List.of(1, 1), Fixtures.levelsChosenBy(host.catalog(), "fixed-level")),
                    () -> assertTrue(held.description().contains("level 0"), held.description()));
        }
    }

    @Test
    void theRealPluginJarsRunAsBundles() {
        Path evaluatorsJar = Fixtures.jarOf(PerplexityEvaluatorProvider.class);
        Path tensorCpuJar = Fixtures.jarOf(CpuTensorProvider.class);
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            host.install(evaluatorsJar);
            host.install(tensorCpuJar);
            Catalog catalog = host.catalog();
            TensorProvider cpu = catalog.providers(TensorProvider.class).getFirst().provider();
            assertAll(
                    () -> assertEquals(List.of("evaluators 0.1.0 [1.0,2)", "tensor-cpu 0.1.0 [1.0,2)"),
                            describeAll(catalog)),
                    () -> assertEquals(Sha256.of(evaluatorsJar), catalog.plugins().getFirst().sha256()),
                    () -> assertEquals(List.of("kl-divergence", "layer-error", "perplexity"),
                            catalog.providers(EvaluatorProvider.class).stream().map(p -> p.provider().id()).sorted()
                                    .toList()),
                    // The bundle's own copy of the class, not the one on the test class path.
                    () -> assertNotSame(CpuTensorProvider.class, cpu.getClass()),
                    () -> assertEquals(CpuTensorProvider.class.getName(), cpu.getClass().getName()),
                    () -> assertTrue(cpu.probe().available(), () -> cpu.probe().reason()));
        }
    }

    @Test
    void refusesAPluginBuiltForAnotherKernelApiBeforeInstallingIt() {
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            PressoException refused = assertThrows(PressoException.class,
                    () -> host.install(Fixtures.bundle("future")));
            assertAll(
                    () -> assertEquals("plugin test-future 0.4.0 requires kernel-api [2.0,3); this host provides 1.0.0",
                            refused.getMessage()),
                    () -> assertEquals(List.of(), host.catalog().plugins()),
                    () -> assertEquals(List.of(), jarsIn(state)));
        }
    }

    @Test
    void refusesBrokenBundlesAndKeepsRunning() {
        Manifest badVersion = Fixtures.manifestOf(Fixtures.bundle("level-1"));
        badVersion.getMainAttributes().put(new Attributes.Name("Bundle-Version"), "one.two");
        Path badVersionJar = Fixtures.withManifest(Fixtures.bundle("level-1"), badVersion, state.resolve("bad.jar"));
        System.setProperty(FragileStrategyProvider.FAIL_PROPERTY, "true");
        try (OsgiPluginManager host = OsgiPluginManager.start(state.resolve("plugins"))) {
            String unresolvable = refusal(host, Fixtures.bundle("unresolvable"));
            String fragile = refusal(host, Fixtures.bundle("fragile"));
            String notAJar = refusal(host, Fixtures.bundle("level-1").resolveSibling("missing.jar"));
            String badManifest = refusal(host, badVersionJar);
            host.install(Fixtures.bundle("level-1"));
            assertAll(
                    () -> assertTrue(unresolvable.startsWith("plugin test-unresolvable 1.0.0 cannot start:"),
                            unresolvable),
                    () -> assertTrue(unresolvable.contains("presso.fixture=never-provided"), unresolvable),
                    () -> assertTrue(fragile.startsWith("plugin test-fragile 1.0.0: search provider"), fragile),
                    () -> assertTrue(fragile.contains("the fragile fixture was told to fail"), fragile),
                    () -> assertTrue(notAJar.endsWith("missing.jar: no such file; expected a plugin jar"), notAJar),
                    () -> assertTrue(badManifest.contains("Bundle-Version 'one.two' is not an OSGi version"),
                            badManifest),
                    () -> assertEquals(List.of("test-level 1.0.0 [1.0,2)"), describeAll(host.catalog())),
                    () -> assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(host.catalog(), "fixed-level")),
                    () -> assertEquals(1, jarsIn(state.resolve("plugins")).size()));
        }
    }

    @Test
    void aFailedUpdateKeepsTheOldVersionRunning() {
        Manifest asLevel = Fixtures.manifestOf(Fixtures.bundle("fragile"));
        asLevel.getMainAttributes().put(new Attributes.Name("Presso-Plugin-Id"), "test-level");
        asLevel.getMainAttributes().put(new Attributes.Name("Bundle-Version"), "3.0.0");
        Path failing = Fixtures.withManifest(Fixtures.bundle("fragile"), asLevel, state.resolve("failing.jar"));
        System.setProperty(FragileStrategyProvider.FAIL_PROPERTY, "true");
        try (OsgiPluginManager host = OsgiPluginManager.start(state.resolve("plugins"))) {
            host.install(Fixtures.bundle("level-1"));
            String refused = assertThrows(PressoException.class, () -> host.update("test-level", failing))
                    .getMessage();
            assertAll(
                    () -> assertTrue(refused.startsWith("plugin test-level 3.0.0: search provider"), refused),
                    () -> assertTrue(refused.endsWith("; version 1.0.0 stays installed"), refused),
                    () -> assertEquals(List.of("test-level 1.0.0 [1.0,2)"), describeAll(host.catalog())),
                    () -> assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(host.catalog(), "fixed-level")),
                    () -> assertEquals(1, jarsIn(state.resolve("plugins")).size()));
        }
        try (OsgiPluginManager host = OsgiPluginManager.start(state.resolve("plugins"))) {
            assertEquals(List.of("test-level 1.0.0 [1.0,2)"), describeAll(host.catalog()));
        }
    }

    @Test
    void installedPluginsSurviveARestart() {
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            host.install(Fixtures.bundle("level-1"));
        }
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            assertEquals(List.of("test-level 1.0.0 [1.0,2)"), describeAll(host.catalog()));
            assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(host.catalog(), "fixed-level"));
            host.update("test-level", Fixtures.bundle("level-2"));
        }
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            assertEquals(List.of("test-level 2.0.0 [1.0,2)"), describeAll(host.catalog()));
            assertEquals(List.of(1, 1), Fixtures.levelsChosenBy(host.catalog(), "fixed-level"));
            assertEquals(1, jarsIn(state).size());
        }
    }

    @Test
    void brokenPluginsDoNotStopTheHostFromStarting() throws IOException {
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            host.install(Fixtures.jarOf(PerplexityEvaluatorProvider.class));
            host.install(Fixtures.bundle("level-1"));
            host.install(Fixtures.bundle("fragile"));
        }
        Path storedLevel = jarsIn(state).stream().filter(p -> p.getFileName().toString().startsWith("test-level"))
                .findFirst().orElseThrow();
        Files.write(storedLevel, new byte[] {'P', 'K', 0, 0});
        System.setProperty(FragileStrategyProvider.FAIL_PROPERTY, "true");
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            Catalog catalog = host.catalog();
            assertAll(
                    () -> assertEquals(List.of("evaluators 0.1.0 [1.0,2)"), describeAll(catalog)),
                    () -> assertEquals(3, catalog.providers(EvaluatorProvider.class).size()),
                    () -> assertProblem(catalog, PluginProblems.BROKEN, "test-level",
                            "changed since it was installed"),
                    () -> assertProblem(catalog, PluginProblems.PROVIDER_FAILED, "test-fragile",
                            "the fragile fixture was told to fail"));
            // A plugin that failed to load can still be repaired (even with the very jar it came from) or removed.
            host.update("test-level", Fixtures.bundle("level-1"));
            assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(catalog, "fixed-level"));
            host.update("test-level", Fixtures.bundle("level-2"));
            host.remove("test-fragile");
            assertAll(
                    () -> assertEquals(List.of("evaluators 0.1.0 [1.0,2)", "test-level 2.0.0 [1.0,2)"),
                            describeAll(catalog)),
                    () -> assertEquals(List.of(), catalog.problems()));
        }
    }

    @Test
    void refusesToInstallTwiceOrToUpdateWithAnotherPlugin() {
        try (OsgiPluginManager host = OsgiPluginManager.start(state)) {
            host.install(Fixtures.bundle("level-1"));
            String twice = refusal(host, Fixtures.bundle("level-2"));
            String other = assertThrows(PressoException.class,
                    () -> host.update("test-level", Fixtures.bundle("fragile"))).getMessage();
            String unknown = assertThrows(PressoException.class, () -> host.remove("nope")).getMessage();
            assertAll(
                    () -> assertTrue(twice.startsWith("plugin test-level is already installed (version 1.0.0)"), twice),
                    () -> assertTrue(other.contains("is the plugin test-fragile, not test-level"), other),
                    () -> assertEquals("no plugin 'nope' is installed; installed: test-level", unknown),
                    () -> assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(host.catalog(), "fixed-level")));
        }
    }

    private static String refusal(OsgiPluginManager host, Path jar) {
        return assertThrows(PressoException.class, () -> host.install(jar)).getMessage();
    }

    private static String describe(InstalledPlugin plugin) {
        return plugin.id() + " " + plugin.version() + " " + plugin.kernelApiRange();
    }

    private static List<String> describeAll(Catalog catalog) {
        return catalog.plugins().stream().map(OsgiModeTest::describe).toList();
    }

    private static List<Path> jarsIn(Path stateFolder) {
        try (Stream<Path> files = Files.list(stateFolder.resolve("bundles"))) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
