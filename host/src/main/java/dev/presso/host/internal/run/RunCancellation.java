package dev.presso.host.internal.run;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.CancellationToken;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The cancellation signal of a run: Ctrl-C, a caller's request or a stage's time limit sets it;
 * plugins and the engine poll it between steps.
 */
public final class RunCancellation implements CancellationToken {
    private final AtomicReference<@Nullable String> reason = new AtomicReference<>();
    private final @Nullable RunCancellation parent;

    /** Creates a token that is not cancelled. */
    public RunCancellation() {
        this(null);
    }

    private RunCancellation(@Nullable RunCancellation parent) {
        this.parent = parent;
    }

    /** Returns a token cancelled with this one or on its own (a stage's time limit). */
    RunCancellation child() {
        return new RunCancellation(this);
    }

    /**
     * Cancels, unless already cancelled.
     *
     * @param why the reason, for messages
     */
    public void cancel(String why) {
        reason.compareAndSet(null, why);
    }

    @Nullable String reason() {
        String own = reason.get();
        return own != null || parent == null ? own : parent.reason();
    }

    @Override
    public boolean isCancelled() {
        return reason() != null;
    }

    @Override
    public void throwIfCancelled() {
        String why = reason();
        if (why != null) {
            throw new RunCancelledException(why);
        }
    }

    /** Thrown where a cancelled run stops. */
    static final class RunCancelledException extends PressoException {
        private static final long serialVersionUID = 1L;

        RunCancelledException(String why) {
            super("run cancelled: " + why);
        }
    }
}
