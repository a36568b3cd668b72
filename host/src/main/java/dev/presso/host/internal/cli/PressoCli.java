package dev.presso.host.internal.cli;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code presso} command line: subcommands, help and exit codes.
 *
 * <p>Exit codes: 0 success, 1 a check or job failed, 2 the user's input was wrong.
 */
@Command(name = "presso", mixinStandardHelpOptions = true, versionProvider = PressoVersion.class,
        description = "Compress large language models with plugin methods.",
        subcommands = {RunCommand.class, PlanCommand.class, DoctorCommand.class, ModelCommand.class, GenerateCommand.class,
            EvalCommand.class, PluginsCommand.class, BenchCommand.class, AutoComplete.GenerateCompletion.class,
            RegistryCommand.class,
            CommandLine.HelpCommand.class})
public final class PressoCli {
    private PressoCli() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * Builds the command line with Presso's error handling: a user's mistake prints a message
     * and the usage, never a stack trace.
     *
     * @return the configured command line
     */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new PressoCli());
        cli.setExecutionExceptionHandler(new FriendlyErrors());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli;
    }
}
