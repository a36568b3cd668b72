package dev.presso.host.internal.progress;

import dev.presso.kernel.PressoException;
import java.io.Console;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * How progress is shown. A command-line option wins over the {@value #VARIABLE} environment
 * variable; {@link #AUTO} then draws a bar on an interactive terminal and plain lines everywhere
 * else (pipes, files, CI logs, {@code TERM=dumb}).
 */
public enum ProgressMode {
    /** A bar on a terminal, plain lines otherwise. */
    AUTO,
    /** A bar with rate and ETA, redrawn in place. */
    BAR,
    /** A line now and then: at every 5% and at least every 10 seconds. */
    PLAIN,
    /** Nothing. */
    OFF;

    /** The environment variable that chooses the mode when no option does. */
    public static final String VARIABLE = "PRESSO_PROGRESS";

    /**
     * Reads a mode's name, in any case.
     *
     * @param value the name: {@code auto}, {@code bar}, {@code plain} or {@code off}
     * @param source where the value was written, such as {@code --progress}, for the message
     * @return the mode
     * @throws PressoException if the name is none of these, naming the source, the value and the
     *     names expected
     */
    public static ProgressMode parse(String value, String source) {
        for (ProgressMode mode : values()) {
            if (mode.name().equalsIgnoreCase(value.strip())) {
                return mode;
            }
        }
        throw new PressoException(source + ": '" + value + "' is not a progress mode; expected one of "
                + Arrays.stream(values()).map(ProgressMode::label).collect(Collectors.joining(", ")));
    }

    /**
     * Returns the mode's name as written in options.
     *
     * @return the lower-case name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Resolves {@link #AUTO} for this process: the environment variable if set, otherwise
     * {@link #BAR} when the console is an interactive terminal that can move its cursor and
     * {@link #PLAIN} when not. Any other mode is returned as it is.
     *
     * @param environment the environment, usually {@link System#getenv()}
     * @return {@link #BAR}, {@link #PLAIN} or {@link #OFF}
     * @throws PressoException if the environment variable holds an unknown mode
     */
    public ProgressMode resolve(Map<String, String> environment) {
        return resolve(environment, interactiveConsole());
    }

    /** Resolves with the terminal test given, for tests. */
    ProgressMode resolve(Map<String, String> environment, boolean terminal) {
        if (this != AUTO) {
            return this;
        }
        @Nullable String variable = environment.get(VARIABLE);
        if (variable != null && !variable.isBlank()) {
            ProgressMode chosen = parse(variable, VARIABLE);
            if (chosen != AUTO) {
                return chosen;
            }
        }
        return terminal && !"dumb".equals(environment.get("TERM")) ? BAR : PLAIN;
    }

    private static boolean interactiveConsole() {
        @Nullable Console console = System.console();
        return console != null && console.isTerminal();
    }
}
