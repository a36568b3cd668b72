package dev.presso.host.internal.progress;

import dev.presso.kernel.pipeline.ProgressSink;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress as bars redrawn in place on a terminal, one line per open task, with the percentage,
 * the count, the elapsed time, the ETA, the rate and the task's status. Drawn by
 * {@code me.tongfei:progressbar}, which redraws from its own daemon thread a few times a second and
 * stacks concurrent bars. Thread-safe.
 */
final class TerminalProgress implements ProgressDisplay {
    private static final int REDRAW_MILLIS = 250;

    private final Supplier<ProgressBarConsumer> consumers;
    private final ProgressBarStyle style;

    /** Draws on a terminal's stream, in Unicode blocks when the stream writes UTF-8. */
    TerminalProgress(PrintStream out) {
        this(() -> new InteractiveConsoleProgressBarConsumer(out),
                StandardCharsets.UTF_8.equals(out.charset()) ? ProgressBarStyle.COLORFUL_UNICODE_BLOCK
                        : ProgressBarStyle.ASCII);
    }

    /** Draws through the consumers given, for tests. */
    TerminalProgress(Supplier<ProgressBarConsumer> consumers, ProgressBarStyle style) {
        this.consumers = consumers;
        this.style = style;
    }

    @Override
    public ProgressSink open(String task, long totalSteps) {
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(totalSteps > 0 ? totalSteps : -1)
                .setStyle(style)
                .setConsumer(consumers.get())
                .setUpdateIntervalMillis(REDRAW_MILLIS)
                .showSpeed()
                .setSpeedUnit(ChronoUnit.SECONDS)
                .build();
        return new BarSink(bar);
    }

    /** One task's bar. */
    private static final class BarSink implements ProgressSink {
        private final ProgressBar bar;
        private final AtomicBoolean closed = new AtomicBoolean();

        BarSink(ProgressBar bar) {
            this.bar = bar;
        }

        @Override
        public void advance(long steps) {
            ProgressText.checkSteps(steps);
            if (!closed.get()) {
                bar.stepBy(steps);
            }
        }

        @Override
        public void status(String message) {
            if (!closed.get()) {
                bar.setExtraMessage(message.isEmpty() ? "" : " " + message); // the library adds no space
            }
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                bar.close();
            }
        }
    }
}
