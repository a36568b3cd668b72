package dev.presso.integration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code presso run} in a child JVM is killed (SIGKILL, no shutdown hook) in the middle of a
 * compress stage, resumed with {@code --resume}, and ends with the same bytes as a run that was
 * never interrupted: report, exported compressed model.
 */
class KillAndResumeTest {
    private static final Path MODEL = Path.of(System.getProperty("presso.shared.data", "../../../shared/data"))
            .resolve("stories260k").toAbsolutePath();
    private static final int SITES_BEFORE_KILL = 6;

    @TempDir Path temp;

    @Test
    void aKilledRunResumesToTheBytesOfAnUninterruptedRun() throws Exception {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        Path pipeline = Files.writeString(temp.resolve("kill.yaml"), """
                presso: 1
                name: kill-test
                seed: 11
                model: %1$s
                data:
                  calibration: {path: %1$s/samples-256x64.json, sequence-length: 64, max-sequences: 16}
                  evaluation: {path: %1$s/tinystories-text.ids.json, sequence-length: 128, max-sequences: 8}
                stages:
                  - calibrate
                  - evaluate: {metrics: [perplexity]}
                variants:
                  - name: svd-whitened
                    stages:
                      - compress: {method: svd, level: 0.5, params: {whitened: true}}
                      - evaluate: {metrics: [perplexity, kl-divergence]}
                      - export: {format: presso}
                  - name: rtn-3bit
                    stages:
                      - compress: {method: rtn, level: 3bit, params: {group-size: 32}}
                      - evaluate: {metrics: [perplexity]}
                """.formatted(MODEL));
        Path whole = temp.resolve("whole");
        assertEquals(0, presso(pipeline, whole).waitFor(), log(whole));

        Path killed = temp.resolve("killed");
        Process victim = presso(pipeline, killed);
        Path firstCompress = killed.resolve("checkpoints/svd-whitened/01-compress");
        while (victim.isAlive() && siteCheckpoints(firstCompress) < SITES_BEFORE_KILL) {
            Thread.sleep(10);
        }
        victim.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertFalse(Files.exists(killed.resolve("report.json")), "the run finished before it could be killed");
        assertTrue(siteCheckpoints(firstCompress) >= SITES_BEFORE_KILL);

        Process resumed = presso(pipeline, killed, "--resume");
        assertEquals(0, resumed.waitFor(), log(killed));
        for (String file : List.of("report.json", "export/svd-whitened/presso/compressed.safetensors",
                "export/svd-whitened/presso/model.safetensors", "export/svd-whitened/presso/presso-manifest.json")) {
            assertArrayEquals(Files.readAllBytes(whole.resolve(file)), Files.readAllBytes(killed.resolve(file)), file);
        }
    }

    /** Starts {@code presso run} in a child JVM with the test's class path, output in OUT.log. */
    private static Process presso(Path pipeline, Path out, String... extra) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.presso.host.internal.cli.PressoCli", "run",
                pipeline.toString(), "--out", out.toString(), "--progress", "plain"));
        command.addAll(List.of(extra));
        Path log = Path.of(out + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    private static String log(Path out) throws IOException {
        return Files.readString(Path.of(out + ".log"));
    }

    private static long siteCheckpoints(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().startsWith("model.")
                    && f.getFileName().toString().endsWith(".safetensors")).count();
        }
    }
}
