package dev.presso.host.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.internal.registry.CompiledPlugin;
import dev.presso.host.internal.registry.RegistryLock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The registry commands end to end in one process: keys, a registry served on loopback, a
 * publisher, a checked and signed upload, then search, install, update and remove in OSGi mode.
 */
class RegistryCliTest {
    private static final String TOKEN = "acme-upload-token-0123456789";
    @TempDir Path temp;
    private StringWriter out = new StringWriter();
    private StringWriter err = new StringWriter();

    private int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        CommandLine cli = PressoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void publishesToAServedRegistryAndInstallsFromIt() throws Exception {
        Path store = temp.resolve("store");
        Path state = temp.resolve("state");
        String folder = "--plugins-dir=" + state;
        assertEquals(0, run("registry", "keygen", temp.resolve("root.key").toString()), err.toString());
        assertTrue(out.toString().contains("key id "), out.toString());
        assertEquals(2, run("registry", "keygen", temp.resolve("root.key").toString()));
        assertTrue(err.toString().contains("exists"), err.toString());
        assertEquals(0, run("registry", "keygen", temp.resolve("acme.key").toString()), err.toString());
        assertEquals(0, run("registry", "init", "--root", store.toString(), "--name", "local", "--key",
                temp.resolve("root.key").toString()), err.toString());
        assertEquals(0, run("registry", "publisher", "--root", store.toString(), "acme", "--key",
                temp.resolve("acme.key.pub").toString(), "--token", TOKEN), err.toString());

        StringWriter served = new StringWriter();
        Thread server = Thread.ofPlatform().start(() -> {
            CommandLine cli = PressoCli.commandLine();
            cli.setOut(new PrintWriter(served, true));
            cli.execute("registry", "serve", "--root", store.toString(), "--port", "0");
        });
        try {
            String url = awaitUrl(served);
            Path jar = CompiledPlugin.build(temp.resolve("plugin"), "acme.sign", 0);
            assertEquals(0, run("registry", "publish", jar.toString(), "--registry", url, "--key",
                    temp.resolve("acme.key").toString(), "--token", TOKEN, "--provider", ReferenceBackend.NAME),
                    err.toString());
            assertTrue(out.toString().contains("passed  osgi method sign level 1bit"), out.toString());
            assertTrue(out.toString().contains("Published acme.sign 1.0.0 to " + url), out.toString());
            assertEquals(2, run("registry", "publish", jar.toString(), "--registry", url, "--key",
                    temp.resolve("acme.key").toString(), "--token", TOKEN, "--provider", ReferenceBackend.NAME),
                    "re-publishing a version is refused");
            assertTrue(err.toString().contains("HTTP 409"), err.toString());

            assertEquals(0, run("registry", "add", "local", url, "--trusted-key",
                    store.resolve("public/keys/root.pub").toString(), folder), err.toString());
            assertEquals(0, run("plugins", "search", "sign", folder), err.toString());
            assertTrue(out.toString().contains("acme.sign") && out.toString().contains("method sign"), out.toString());

            assertEquals(0, run("plugins", "info", "acme.sign", folder), err.toString());
            assertTrue(out.toString().contains("acme.sign (not installed)") && out.toString().contains(
                    "Checked     passed in classpath and osgi"), out.toString());
            assertEquals(0, run("plugins", "install", "acme.sign@^1", "--runtime", "osgi", folder), err.toString());
            assertTrue(out.toString().contains("Installed acme.sign 1.0.0"), out.toString());
            assertEquals("1.0.0", RegistryLock.read(state).plugins().getFirst().version());
            assertEquals(0, run("plugins", "update", "--runtime", "osgi", folder), err.toString());
            assertTrue(out.toString().contains("up to date"), out.toString());

            assertEquals(2, run("plugins", "install", "acme.sign@^2", "--runtime", "osgi", folder));
            assertTrue(err.toString().startsWith("presso: cannot install plugin acme.sign: no version satisfies"),
                    err.toString());
            assertFalse(err.toString().contains("\tat "), "no stack trace");

            assertEquals(0, run("plugins", "remove", "acme.sign", "--runtime", "osgi", folder), err.toString());
            assertTrue(RegistryLock.read(state).plugins().isEmpty());

            Path pipeline = temp.resolve("needs-sign.yaml");
            Files.writeString(pipeline, "presso: 1\nname: needs-sign\nmodel: "
                    + Path.of(System.getProperty("presso.shared.data"), "stories260k") + "\n"
                    + "plugins: {acme.sign: ^1}\nstages:\n  - compress: {method: sign, level: 1bit}\n");
            assertEquals(0, run("run", pipeline.toString(), "--install-missing", "--runtime", "osgi", folder,
                    "--out", temp.resolve("run").toString(), "--progress", "off"), err.toString());
            assertTrue(out.toString().contains("Installed acme.sign 1.0.0"), out.toString());
            assertEquals("1.0.0", RegistryLock.read(state).plugins().getFirst().version());
        } finally {
            server.interrupt();
            server.join(TimeUnit.SECONDS.toMillis(30));
        }
        assertFalse(server.isAlive(), "the server stopped");
        assertTrue(Files.exists(state.resolve("registries.json")));
    }

    private static String awaitUrl(StringWriter served) throws InterruptedException {
        Pattern url = Pattern.compile("at (http://\\S+/) ");
        for (int i = 0; i < 600; i++) {
            Matcher m = url.matcher(served.toString());
            if (m.find()) {
                return m.group(1);
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not start: " + served);
    }
}
