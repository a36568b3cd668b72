package dev.presso.host.internal.progress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.presso.kernel.pipeline.ProgressSink;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PlainProgressTest {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    private final FakeClock clock = new FakeClock();
    private final PlainProgress display = new PlainProgress(out, clock, PlainProgress.Throttle.DEFAULT);

    @Test
    void writesALinePerFivePercentWithRateAndEta() {
        try (ProgressSink sink = display.open("calibration", 40)) {
            for (int step = 0; step < 40; step++) {
                clock.seconds(0.5);
                sink.advance(1);
                if (step == 5) {
                    sink.status("model.layers.3");
                }
            }
        }

        List<String> lines = lines();
        assertEquals(21, lines.size(), String.join("\n", lines));
        assertEquals("calibration: started, 40 steps", lines.get(0));
        assertEquals("calibration: 2/40 (5%), 2.00/s, ETA 19s", lines.get(1));
        assertEquals("calibration: 8/40 (20%), 2.00/s, ETA 16s, model.layers.3", lines.get(4));
        assertEquals("calibration: 38/40 (95%), 2.00/s, ETA 1s, model.layers.3", lines.get(19));
        assertEquals("calibration: done, 40/40 in 20.0s (2.00/s)", lines.get(20));
    }

    @Test
    void aSlowTaskWritesALineEveryTenSecondsOfActivity() {
        try (ProgressSink sink = display.open("search", 1000)) {
            for (int step = 0; step < 30; step++) {
                clock.seconds(1);
                sink.advance(1);
            }
            clock.seconds(2);
            sink.status("generation 3");
            clock.seconds(9);
            sink.status("generation 4");
        }

        assertEquals(List.of(
                "search: started, 1000 steps",
                "search: 10/1000 (1%), 1.00/s, ETA 16m30s",
                "search: 20/1000 (2%), 1.00/s, ETA 16m20s",
                "search: 30/1000 (3%), 1.00/s, ETA 16m10s",
                "search: 30/1000 (3%), 0.73/s, ETA 22m06s, generation 4",
                "search: stopped at 30/1000 in 41.0s (0.73/s)"), lines());
    }

    @Test
    void aTaskOfUnknownLengthCountsStepsWithoutEta() {
        try (ProgressSink sink = display.open("tokenize", 0)) {
            clock.seconds(12);
            sink.advance(600);
            clock.seconds(75);
        }

        assertEquals(List.of(
                "tokenize: started",
                "tokenize: 600 steps, 50.0/s",
                "tokenize: done, 600 steps in 1m27s (6.90/s)"), lines());
    }

    @Test
    void ignoresUseAfterCloseAndRejectsNegativeSteps() {
        ProgressSink sink = display.open("export", 2);
        sink.close();
        sink.advance(5);
        sink.status("late");
        sink.close();

        assertThrows(IllegalArgumentException.class, () -> sink.advance(-1));
        assertEquals(List.of("export: started, 2 steps", "export: stopped at 0/2 in 0.0s"), lines());
    }

    @Test
    void countsEveryStepFromManyThreadsAndWritesWholeLines() throws Exception {
        int threads = 8;
        int stepsEach = 5_000;
        PlainProgress fine = new PlainProgress(out, clock, new PlainProgress.Throttle(1, Duration.ofMillis(1)));
        ProgressSink sink = fine.open("parallel", (long) threads * stepsEach);
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<?>> work = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                work.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < stepsEach; i++) {
                        clock.advance(Duration.ofNanos(100_000));
                        sink.advance(1);
                        if (i % 1000 == 0) {
                            sink.status("thread " + Thread.currentThread().getName());
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : work) {
                future.get();
            }
        }
        sink.close();

        List<String> lines = lines();
        assertEquals("parallel: done, 40000/40000 in 4.0s (10000/s)", lines.getLast());
        for (String line : lines) {
            assertEquals(true, line.matches("parallel: (started, 40000 steps|\\d+/40000 \\(\\d+%\\).*|done.*)"), line);
        }
    }

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }
}
