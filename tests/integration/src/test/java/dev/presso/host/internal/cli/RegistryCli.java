package dev.presso.host.internal.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs {@code presso registry ...} in the test's JVM, with the CLI's own error handling, for tests
 * outside the CLI's package (the end-to-end test publishes through it exactly as a publisher would).
 */
public final class RegistryCli {
    private RegistryCli() {}

    /**
     * What a command printed and returned.
     *
     * @param exitCode the exit code
     * @param out what it printed to standard output
     * @param err what it printed to standard error
     */
    public record Result(int exitCode, String out, String err) {}

    /**
     * Runs {@code presso registry ARGS}.
     *
     * @param args the arguments after {@code registry}, such as {@code publish JAR --registry URL ...}
     * @return the outcome
     */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = new CommandLine(new RegistryCommand());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }
}
