package dev.presso.host.internal.progress;

import dev.presso.host.internal.calibration.ProgressOpener;
import java.io.PrintStream;
import java.time.InstantSource;

/**
 * Opens one {@link ProgressSink} per task; what a {@code PluginContext.progress} call returns.
 * Implementations are thread-safe: tasks may be opened, advanced and closed from any thread, and
 * several may run at once.
 */
@FunctionalInterface
public interface ProgressDisplay extends ProgressOpener {
    /** Shows nothing. */
    ProgressDisplay NONE = (task, totalSteps) -> SilentSink.INSTANCE;

    /**
     * Returns the display for a mode.
     *
     * @param mode the mode; {@link ProgressMode#AUTO} is first resolved against the process's
     *     environment and terminal
     * @param out where to draw, usually the standard error stream
     * @return the display
     */
    static ProgressDisplay create(ProgressMode mode, PrintStream out) {
        return switch (mode.resolve(System.getenv())) {
            case BAR -> new TerminalProgress(out);
            case PLAIN -> new PlainProgress(out, InstantSource.system(), PlainProgress.Throttle.DEFAULT);
            case OFF, AUTO -> NONE;
        };
    }
}
