package dev.presso.host.internal.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.catalog.Sha256;
import dev.presso.integration.Fixtures;
import dev.presso.kernel.PressoException;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code presso plugins}: output, exit codes and one-line errors in both runtime modes. Lives in the
 * CLI's package to use its error handling (FriendlyErrors) exactly as {@code presso} does.
 */
class PluginsCommandTest {
    @TempDir Path folder;

    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = new CommandLine(new PluginsCommand());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private int osgi(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(new String[] {"--runtime", "osgi", "--plugins-dir", folder.toString()}, 0, all, args.length, 4);
        return run(all);
    }

    @Test
    void listsTheClassPathPlugins() {
        int code = run("list");
        String text = out.toString();
        assertAll(
                () -> assertEquals(0, code, err::toString),
                () -> assertTrue(text.contains("ID          VERSION  KERNEL-API  PROVIDES"), text),
                () -> assertTrue(text.contains("evaluators  0.1.0    [1.0,2)     evaluator:kl-divergence,"
                        + " evaluator:layer-error, evaluator:perplexity"), text),
                () -> assertTrue(text.contains("tensor-cpu  0.1.0    [1.0,2)     tensor:cpu"), text),
                () -> assertTrue(text.contains("baselines   0.2.0    [1.0,2)     method:magnitude, method:rtn,"
                        + " method:svd, search:brute-force, search:dp, search:random, search:uniform-mix,"
                        + " search:uniform"), text),
                () -> assertTrue(text.contains("3 plugin(s), classpath mode."), text));
    }

    @Test
    void showsOnePluginAndNamesTheKnownOnesForAnUnknownId() {
        int code = run("info", "evaluators");
        String text = out.toString();
        assertAll(
                () -> assertEquals(0, code, err::toString),
                () -> assertTrue(text.contains("SHA-256     " + Sha256.of(Fixtures.jarOf(PerplexityEvaluatorProvider.class))),
                        text),
                () -> assertTrue(text.contains("Kernel API  [1.0,2) (this host provides 1.0.0)"), text),
                () -> assertTrue(text.contains("  evaluator:perplexity"), text));
        assertEquals(FriendlyErrors.USER_ERROR, run("info", "nope"));
        assertEquals("presso: no plugin 'nope' (classpath mode); expected one of baselines, evaluators,"
                + " tensor-cpu\n",
                err.toString());
    }

    @Test
    void changesInClasspathModeAreRefusedWithOneLine() {
        int code = run("install", Fixtures.bundle("level-1").toString());
        assertAll(
                () -> assertEquals(FriendlyErrors.USER_ERROR, code),
                () -> assertTrue(err.toString().startsWith("presso: cannot install plugins in classpath mode"), err::toString),
                () -> assertTrue(err.toString().contains("--runtime osgi"), err::toString),
                () -> assertEquals(1, err.toString().lines().count(), err::toString));
    }

    @Test
    void installsUpdatesAndRemovesInOsgiMode() {
        assertEquals(0, osgi("install", Fixtures.bundle("level-1").toString()), err::toString);
        assertEquals("Installed test-level 1.0.0 (kernel-api [1.0,2)); provides search:fixed-level\n", out.toString());

        assertEquals(0, osgi("list"), err::toString);
        assertTrue(out.toString().contains("test-level  1.0.0    [1.0,2)     search:fixed-level"), out::toString);

        assertEquals(0, osgi("update", "test-level", Fixtures.bundle("level-2").toString()), err::toString);
        assertEquals("Updated test-level 1.0.0 -> 2.0.0 (kernel-api [1.0,2)); provides search:fixed-level\n"
                + "The old version's class loader was unloaded.\n", out.toString());

        assertEquals(0, osgi("info", "test-level"), err::toString);
        assertTrue(out.toString().contains("search:fixed-level  Gives every unit level 1"), out::toString);

        assertEquals(0, osgi("remove", "test-level"), err::toString);
        assertTrue(out.toString().startsWith("Removed test-level 2.0.0"), out::toString);

        assertEquals(0, osgi("list"), err::toString);
        assertEquals("No plugins (osgi mode, plugins in " + folder.toAbsolutePath().normalize() + ").\n",
                out.toString());
    }

    @Test
    void refusalsAreUserErrorsWithTheExactReason() {
        assertEquals(FriendlyErrors.USER_ERROR, osgi("install", Fixtures.bundle("future").toString()));
        assertEquals("presso: plugin test-future 0.4.0 requires kernel-api [2.0,3); this host provides 1.0.0\n",
                err.toString());
        assertEquals(FriendlyErrors.USER_ERROR, osgi("remove", "test-level"));
        assertEquals("presso: no plugin 'test-level' is installed (none is)\n", err.toString());
        assertEquals(CommandLine.ExitCode.USAGE, run("list", "--runtime", "felix"));
        assertTrue(err.toString().contains("Invalid value for option '--runtime'"), err::toString);
        assertFalse(err.toString().contains("\tat "), err::toString);
    }

    @Test
    void theRuntimeModeFallsBackOnThePropertyThenTheEnvironment() {
        Map<String, String> none = Map.of();
        assertAll(
                () -> assertEquals(PluginsRuntimeOptions.Mode.CLASSPATH, PluginsRuntimeOptions.mode(none::get, none::get)),
                () -> assertEquals(PluginsRuntimeOptions.Mode.OSGI, PluginsRuntimeOptions.mode(none::get,
                        Map.of(PluginsRuntimeOptions.MODE_ENVIRONMENT, "osgi")::get)),
                () -> assertEquals(PluginsRuntimeOptions.Mode.CLASSPATH, PluginsRuntimeOptions.mode(
                        Map.of(PluginsRuntimeOptions.MODE_PROPERTY, "Classpath")::get,
                        Map.of(PluginsRuntimeOptions.MODE_ENVIRONMENT, "osgi")::get)));
        PressoException wrong = assertThrows(PressoException.class, () -> PluginsRuntimeOptions.mode(
                Map.of(PluginsRuntimeOptions.MODE_PROPERTY, "felix")::get, none::get));
        assertEquals("property presso.runtime is 'felix', which is not a runtime mode; expected classpath or osgi",
                wrong.getMessage());
    }
}
