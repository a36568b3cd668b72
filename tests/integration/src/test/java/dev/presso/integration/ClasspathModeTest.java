package dev.presso.integration;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginProblems;
import dev.presso.host.internal.catalog.Sha256;
import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.catalog.classpath.ClasspathPlugins;
import dev.presso.integration.fixtures.fragile.FragileStrategyProvider;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluatorProvider;
import dev.presso.kernel.pipeline.Problem;
import dev.presso.kernel.tensor.TensorProvider;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import dev.presso.plugins.tensorcpu.CpuTensorProvider;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Classpath mode: the plugins are the jars on the class path, found with ServiceLoader. */
class ClasspathModeTest {
    @Test
    void listsTheRealPluginsWithTheirManifestsAndHashes() {
        Catalog catalog = ClasspathCatalog.ofHost();
        Path evaluatorsJar = Fixtures.jarOf(PerplexityEvaluatorProvider.class);
        Path tensorCpuJar = Fixtures.jarOf(CpuTensorProvider.class);
        InstalledPlugin evaluators = plugin(catalog, "evaluators");
        InstalledPlugin tensorCpu = plugin(catalog, "tensor-cpu");
        assertAll(
                () -> assertEquals(new InstalledPlugin("evaluators", "0.1.0", Sha256.of(evaluatorsJar), "[1.0,2)",
                        evaluatorsJar.toString()), evaluators),
                () -> assertEquals(new InstalledPlugin("tensor-cpu", "0.1.0", Sha256.of(tensorCpuJar), "[1.0,2)",
                        tensorCpuJar.toString()), tensorCpu),
                () -> assertEquals(List.of("kl-divergence:evaluators", "layer-error:evaluators",
                        "perplexity:evaluators"), catalog.providers(EvaluatorProvider.class).stream()
                        .map(p -> p.provider().id() + ":" + p.plugin().id()).sorted().toList()),
                () -> assertTrue(catalog.providers(TensorProvider.class).stream()
                        .anyMatch(p -> p.provider().name().equals("cpu") && p.plugin().equals(tensorCpu))),
                () -> assertEquals(List.of(), catalog.problems()));
    }

    @Test
    void refusesChangesAndPointsToOsgiMode() {
        ClasspathPlugins manager = new ClasspathPlugins(ClasspathCatalog.ofHost());
        PressoException refused = assertThrows(PressoException.class,
                () -> manager.install(Fixtures.bundle("level-1")));
        assertAll(
                () -> assertTrue(refused.getMessage().contains("cannot install plugins in classpath mode"),
                        refused.getMessage()),
                () -> assertTrue(refused.getMessage().contains("--runtime osgi"), refused.getMessage()),
                () -> assertThrows(PressoException.class, () -> manager.remove("evaluators")));
    }

    @Test
    void theFixtureBundlesWorkOnAPlainClassPathToo() throws IOException {
        try (URLClassLoader classPath = Fixtures.classPath(Fixtures.bundle("level-2"))) {
            Catalog catalog = ClasspathCatalog.scan(classPath, Optional.of(KernelApi.ofRunningHost()));
            assertAll(
                    () -> assertEquals(List.of("test-level 2.0.0 [1.0,2)"), catalog.plugins().stream()
                            .map(p -> p.id() + " " + p.version() + " " + p.kernelApiRange()).toList()),
                    () -> assertEquals(List.of(1, 1), Fixtures.levelsChosenBy(catalog, "fixed-level")),
                    () -> assertEquals(List.of(), catalog.problems()));
        }
    }

    @Test
    void aClassFolderIsNamedByItsManifestOrElseByItsMavenModule(@TempDir Path folder) throws IOException {
        Path bare = Fixtures.unpack(Fixtures.bundle("level-1"), folder.resolve("demo/target/classes"), false);
        Path bnd = Fixtures.unpack(Fixtures.bundle("level-2"), folder.resolve("other/target/classes"), true);
        try (URLClassLoader bareOnly = Fixtures.classPath(bare); URLClassLoader bndOnly = Fixtures.classPath(bnd)) {
            Optional<KernelApi> api = Optional.of(KernelApi.ofRunningHost());
            Catalog bareCatalog = ClasspathCatalog.scan(bareOnly, api);
            Catalog bndCatalog = ClasspathCatalog.scan(bndOnly, api);
            assertAll(
                    () -> assertEquals(List.of(new InstalledPlugin("demo", "0.0.0", "", "", bare.toString())),
                            bareCatalog.plugins()),
                    () -> assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(bareCatalog, "fixed-level")),
                    () -> assertEquals(List.of(new InstalledPlugin("test-level", "2.0.0", "", "[1.0,2)",
                            bnd.toString())), bndCatalog.plugins()));
        }
    }

    @Test
    void skipsAndReportsBrokenPluginsAndKeepsTheOthers(@TempDir Path folder) throws IOException {
        Manifest noName = Fixtures.manifestOf(Fixtures.bundle("fragile"));
        noName.getMainAttributes().remove(new Attributes.Name("Bundle-SymbolicName"));
        Path nameless = Fixtures.withManifest(Fixtures.bundle("fragile"), noName, folder.resolve("nameless.jar"));
        System.setProperty(FragileStrategyProvider.FAIL_PROPERTY, "true");
        // One class path per case: the fixtures share provider classes, which ServiceLoader lists once.
        try (URLClassLoader levelAndFragile = Fixtures.classPath(Fixtures.bundle("level-1"), Fixtures.bundle("fragile"));
                URLClassLoader futureOnly = Fixtures.classPath(Fixtures.bundle("future"));
                URLClassLoader namelessOnly = Fixtures.classPath(nameless)) {
            Optional<KernelApi> api = Optional.of(KernelApi.ofRunningHost());
            Catalog fragile = ClasspathCatalog.scan(levelAndFragile, api);
            Catalog future = ClasspathCatalog.scan(futureOnly, api);
            Catalog broken = ClasspathCatalog.scan(namelessOnly, api);
            assertAll(
                    () -> assertEquals(List.of(0, 0), Fixtures.levelsChosenBy(fragile, "fixed-level")),
                    () -> assertEquals(List.of("test-fragile", "test-level"), ids(fragile)),
                    () -> assertProblem(fragile, PluginProblems.PROVIDER_FAILED, "test-fragile",
                            "the fragile fixture was told to fail"),
                    () -> assertEquals(List.of(), ids(future)),
                    () -> assertProblem(future, PluginProblems.INCOMPATIBLE, Fixtures.bundle("future").toString(),
                            "plugin test-future 0.4.0 requires kernel-api [2.0,3); this host provides 1.0.0"),
                    () -> assertEquals(List.of(), ids(broken)),
                    () -> assertProblem(broken, PluginProblems.BROKEN, nameless.toString(),
                            "the manifest has no Bundle-SymbolicName"));
        } finally {
            System.clearProperty(FragileStrategyProvider.FAIL_PROPERTY);
        }
    }

    private static InstalledPlugin plugin(Catalog catalog, String id) {
        return catalog.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + catalog.plugins()));
    }

    private static List<String> ids(Catalog catalog) {
        return catalog.plugins().stream().map(InstalledPlugin::id).toList();
    }

    static void assertProblem(Catalog catalog, String code, String source, String message) {
        List<Problem> problems = catalog.problems();
        assertTrue(problems.stream().anyMatch(p -> p.code().equals(code) && p.source().equals(source)
                && p.message().contains(message)), () -> "expected " + code + " at " + source + " saying '" + message
                + "'; got " + problems.stream().map(Problem::format).toList());
    }
}
