package dev.presso.host.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir Path runs;

    @Test
    void aNewRunTakesTheFirstFreeFolderAndResumeKeepsTheFirst() throws IOException {
        assertEquals(runs.resolve("p"), RunCommand.defaultFolder(runs, "p", false));
        Files.createDirectories(runs.resolve("p"));
        Files.writeString(runs.resolve("p/run.json"), "{}");
        assertEquals(runs.resolve("p-2"), RunCommand.defaultFolder(runs, "p", false));
        assertEquals(runs.resolve("p"), RunCommand.defaultFolder(runs, "p", true));
    }

    @Test
    void durationsReadShortAndIsoForms() {
        assertEquals(Duration.ofSeconds(90), RunCommand.duration("90s"));
        assertEquals(Duration.ofMinutes(30), RunCommand.duration("30m"));
        assertEquals(Duration.ofMinutes(90), RunCommand.duration("PT1H30M"));
        assertEquals("--stage-timeout soon: expected a duration such as 90s, 30m, 2h or PT1H30M",
                assertThrows(PressoException.class, () -> RunCommand.duration("soon")).getMessage());
    }
}
