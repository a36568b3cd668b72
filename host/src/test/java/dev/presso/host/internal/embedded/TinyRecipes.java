package dev.presso.host.internal.embedded;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.kernel.pipeline.ProgressSink;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Recipes small enough to train on the float64 reference backend in a test, and a counting progress. */
final class TinyRecipes {
    private TinyRecipes() {}

    /** About seven thousand parameters, forty steps. */
    static EmbeddedRecipe tiny(long seed) {
        return new EmbeddedRecipe(seed, new CorpusSettings(60, 8, 8), new ModelShape(16, 32, 1, 2, 1, 64),
                new TrainingSettings(40, 2, 64, 1e-2, 0.1, 4, 0.01, 0.9, 0.95, 1e-8, 1.0));
    }

    /** Counts the tasks opened and the steps reported. */
    static final class CountingProgress implements ProgressOpener {
        final AtomicInteger opened = new AtomicInteger();
        final AtomicLong steps = new AtomicLong();
        final AtomicLong total = new AtomicLong();
        volatile String lastStatus = "";

        @Override
        public ProgressSink open(String task, long totalSteps) {
            opened.incrementAndGet();
            total.addAndGet(totalSteps);
            return new ProgressSink() {
                @Override
                public void advance(long count) {
                    steps.addAndGet(count);
                }

                @Override
                public void status(String message) {
                    lastStatus = message;
                }

                @Override
                public void close() {}
            };
        }
    }
}
