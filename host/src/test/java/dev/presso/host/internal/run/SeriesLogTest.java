package dev.presso.host.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Recorded series live in the stage folder: a stage resumed after a kill keeps its earlier points. */
class SeriesLogTest {
    @TempDir Path stage;

    @Test
    void pointsSurviveAResumeAndARecordedStepIsReplaced() {
        RunContext first = new RunContext(null, 1, null, null, stage, new SeriesLog(stage));
        first.record("fitness", 0, 0.5);
        first.record("fitness", 1, 0.4);
        first.record("temperature", 0, 2.0);

        SeriesLog resumed = new SeriesLog(stage);
        resumed.record("fitness", 1, 0.35);
        resumed.record("fitness", 2, 0.3);

        assertEquals(Map.of("fitness", new TreeMap<>(Map.of(0L, 0.5, 1L, 0.35, 2L, 0.3)),
                "temperature", new TreeMap<>(Map.of(0L, 2.0))), new SeriesLog(stage).all());
    }
}
