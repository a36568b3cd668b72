package dev.presso.host.internal.progress;

import dev.presso.kernel.pipeline.ProgressSink;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Progress as plain lines, for logs and pipes where a redrawn bar would be noise. Each task writes
 * a line when it starts, when it crosses another {@link Throttle#percentStep()} of its total, when
 * {@link Throttle#interval()} has passed since its last line and it advances or changes status, and
 * when it closes:
 *
 * <pre>
 * calibration: started, 64 steps
 * calibration: 4/64 (6%), 2.00/s, ETA 30s, model.layers.0
 * calibration: done, 64/64 in 31.9s (2.01/s)
 * </pre>
 *
 * Thread-safe: each line is written whole, and a task's counts are updated under its lock.
 */
final class PlainProgress implements ProgressDisplay {
    private final PrintStream out;
    private final InstantSource clock;
    private final Throttle throttle;

    /**
     * How often a task writes a line.
     *
     * @param percentStep a line each time the task crosses another multiple of this percentage
     * @param interval a line when this much time has passed since the last one
     */
    record Throttle(int percentStep, Duration interval) {
        /** A line per 5% and at least one per 10 seconds of activity. */
        static final Throttle DEFAULT = new Throttle(5, Duration.ofSeconds(10));
    }

    PlainProgress(PrintStream out, InstantSource clock, Throttle throttle) {
        this.out = out;
        this.clock = clock;
        this.throttle = throttle;
    }

    @Override
    public ProgressSink open(String task, long totalSteps) {
        return new Sink(task, Math.max(0, totalSteps));
    }

    /** One task's lines. */
    private final class Sink implements ProgressSink {
        private final String task;
        private final long total;
        private final Instant start;
        private long done;
        private long lastBucket;
        private Instant lastLine;
        private String status = "";
        private boolean closed;

        Sink(String task, long total) {
            this.task = task;
            this.total = total;
            this.start = clock.instant();
            this.lastLine = start;
            out.println(task + ": started" + (total > 0 ? ", " + total + " steps" : ""));
        }

        @Override
        public synchronized void advance(long steps) {
            ProgressText.checkSteps(steps);
            if (closed) {
                return;
            }
            done += steps;
            Instant now = clock.instant();
            long bucket = total > 0 ? ProgressText.percent(done, total) / throttle.percentStep() : 0;
            boolean crossed = bucket > lastBucket && done < total;
            lastBucket = Math.max(lastBucket, bucket);
            if (crossed || due(now)) {
                line(now);
            }
        }

        @Override
        public synchronized void status(String message) {
            if (closed) {
                return;
            }
            status = message;
            Instant now = clock.instant();
            if (due(now)) {
                line(now);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            Duration elapsed = Duration.between(start, clock.instant());
            String count = total > 0 ? done + "/" + total : done + " steps";
            String rate = elapsed.isPositive() && done > 0 ? " (" + ProgressText.rate(perSecond(elapsed)) + ")" : "";
            String verb = total > 0 && done < total ? "stopped at " : "done, ";
            out.println(task + ": " + verb + count + " in " + ProgressText.elapsed(elapsed) + rate);
        }

        private boolean due(Instant now) {
            return Duration.between(lastLine, now).compareTo(throttle.interval()) >= 0;
        }

        private void line(Instant now) {
            lastLine = now;
            Duration elapsed = Duration.between(start, now);
            StringBuilder text = new StringBuilder(task).append(": ");
            if (total > 0) {
                text.append(done).append('/').append(total).append(" (")
                        .append(ProgressText.percent(done, total)).append("%)");
            } else {
                text.append(done).append(" steps");
            }
            if (elapsed.isPositive() && done > 0) {
                double rate = perSecond(elapsed);
                text.append(", ").append(ProgressText.rate(rate));
                if (total > done) {
                    long remainingMillis = Math.round((total - done) / rate * 1000);
                    text.append(", ETA ").append(ProgressText.whole(Duration.ofMillis(remainingMillis)));
                }
            }
            if (!status.isEmpty()) {
                text.append(", ").append(status);
            }
            out.println(text);
        }

        private double perSecond(Duration elapsed) {
            return done / (elapsed.toNanos() / 1e9);
        }
    }
}
