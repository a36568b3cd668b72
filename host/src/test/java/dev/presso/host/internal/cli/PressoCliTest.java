package dev.presso.host.internal.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The CLI's doctor command, its exit codes and its error messages. */
class PressoCliTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = PressoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void doctorChecksTheSelectedBackendAndListsEveryProvider() {
        int code = run("doctor", "--provider", ReferenceBackend.NAME);
        String text = out.toString();
        assertAll(
                () -> assertEquals(0, code, text + err),
                () -> assertTrue(text.contains("test-unavailable"), text),
                () -> assertTrue(text.contains("the test machine has no quantum accelerator"), text),
                () -> assertTrue(text.contains("gemm 512x512x512"), text),
                () -> assertTrue(text.contains("All checks passed."), text));
    }

    @Test
    void anUnavailableProviderIsAUserErrorWithItsReasonAndNoStackTrace() {
        int code = run("doctor", "--provider", "test-unavailable");
        String message = err.toString();
        assertAll(
                () -> assertEquals(FriendlyErrors.USER_ERROR, code),
                () -> assertTrue(message.contains("no quantum accelerator"), message),
                () -> assertFalse(message.contains("\tat "), message));
    }

    @Test
    void anUnknownOptionPrintsUsage() {
        int code = run("doctor", "--frobnicate");
        assertAll(
                () -> assertEquals(CommandLine.ExitCode.USAGE, code),
                () -> assertTrue(err.toString().contains("Unknown option: '--frobnicate'"), err.toString()));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().contains("doctor"), out.toString());
    }
}
