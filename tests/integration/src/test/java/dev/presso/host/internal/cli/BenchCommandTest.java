package dev.presso.host.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code presso bench} on the real model prints a throughput row for the CPU provider. */
class BenchCommandTest {
    private static final Path MODEL = Path.of(System.getProperty("presso.shared.data", "../../../shared/data"))
            .resolve("stories260k");

    @Test
    void printsPositiveThroughputsForTheCpuProvider() {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        StringWriter out = new StringWriter();
        var cli = PressoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        int code = cli.execute("bench", MODEL.toString(), "--batch", "2", "--length", "16", "--generate", "4",
                "--reps", "1");
        assertEquals(0, code, out.toString());
        assertTrue(Pattern.compile("(?m)^cpu\\s+[1-9][\\d,]*\\s+[1-9][\\d,]*\\s+\\d+\\.\\d$").matcher(out.toString())
                .find(), out.toString());
    }
}
