package dev.presso.host.internal.cli;

import dev.presso.kernel.PressoException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns Presso's own exceptions into one clear line on standard error and exit code 2; anything
 * else is a bug and keeps its stack trace.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
    static final int USER_ERROR = 2;

    @Override
    public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed)
            throws Exception {
        if (e instanceof PressoException) {
            cli.getErr().println(cli.getColorScheme().errorText("presso: " + e.getMessage()));
            return USER_ERROR;
        }
        throw e;
    }
}
