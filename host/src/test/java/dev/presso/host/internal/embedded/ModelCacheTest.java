package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Entries appear whole or not at all, are built once however many callers race, and leftovers go. */
class ModelCacheTest {
    private static final String MARKER = "done";
    private final ModelCache cache = new ModelCache(MARKER);

    /** Writes some content and, last, the marker. */
    private static void complete(Path folder, String content) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("content"), content);
        Files.writeString(folder.resolve(MARKER), "");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void threadsThatRaceBuildOnce(@TempDir Path root) throws Exception {
        Path entry = root.resolve("models").resolve("m");
        AtomicInteger builds = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> cache.ensure(entry, folder -> {
                    builds.incrementAndGet();
                    sleep(200);
                    complete(folder, "built");
                })));
            }
            for (Future<Path> result : results) {
                assertEquals(entry, result.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, builds.get());
        assertEquals("built", Files.readString(entry.resolve("content")));
        assertEquals(List.of("m", "m.lock"), names(entry.getParent()));
    }

    @Test
    void twoProcessesThatStartTogetherBuildOnce(@TempDir Path root) throws Exception {
        Path entry = root.resolve("m");
        Path log = root.resolve("builds.log");
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CacheContender.class.getName(),
                    entry.toString(), log.toString()).redirectErrorStream(true).start());
        }
        for (Process process : processes) {
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the contender finished");
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, process.exitValue(), output);
            assertTrue(output.contains("ready " + entry), output);
        }
        assertEquals(1, Files.readAllLines(log).size(), "exactly one process built the entry");
        assertEquals(List.of("content", MARKER), names(entry));
    }

    /** A second process for {@link #twoProcessesThatStartTogetherBuildOnce}. */
    static final class CacheContender {
        private CacheContender() {}

        public static void main(String[] args) throws IOException {
            Path entry = Path.of(args[0]);
            Path log = Path.of(args[1]);
            Path ready = new ModelCache(MARKER).ensure(entry, folder -> {
                Files.writeString(log, ProcessHandle.current().pid() + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
                sleep(1000);
                complete(folder, "built by " + ProcessHandle.current().pid());
            });
            System.out.println("ready " + ready);
        }
    }

    @Test
    void partialFoldersOfKilledBuildsAndIncompleteEntriesAreReplaced(@TempDir Path root) throws IOException {
        Path entry = root.resolve("m");
        Path partial = root.resolve(".m.999.123.partial");
        Files.createDirectories(partial.resolve("data"));
        Files.writeString(partial.resolve("data").resolve("half"), "x");
        Files.createDirectories(entry);
        Files.writeString(entry.resolve("content"), "torn");
        Path other = root.resolve(".n.1.2.partial");
        Files.createDirectories(other);
        assertFalse(cache.isComplete(entry));

        cache.ensure(entry, folder -> complete(folder, "fresh"));

        assertEquals("fresh", Files.readString(entry.resolve("content")));
        assertEquals(List.of(".n.1.2.partial", "m", "m.lock"), names(root), "only this entry's leftovers are removed");
    }

    @Test
    void aFailedBuildLeavesNothingAndTheNextCallBuilds(@TempDir Path root) throws IOException {
        Path entry = root.resolve("m");
        IOException failure = assertThrows(IOException.class, () -> cache.ensure(entry, folder -> {
            complete(folder, "half");
            throw new IOException("disk full");
        }));
        assertEquals("disk full", failure.getMessage());
        assertEquals(List.of("m.lock"), names(root));
        assertThrows(IllegalStateException.class, () -> cache.ensure(entry, Files::createDirectories),
                "a builder that does not write the marker is a bug");
        assertEquals(List.of("m.lock"), names(root));
        assertEquals(entry, cache.ensure(entry, folder -> complete(folder, "second")));
        assertEquals("second", Files.readString(entry.resolve("content")));
    }

    @Test
    void whenAnotherBuilderWinsTheRenameItsEntryIsKept(@TempDir Path root) throws IOException {
        Path entry = root.resolve("m");
        cache.ensure(entry, folder -> {
            complete(entry, "winner");
            complete(folder, "loser");
        });
        assertEquals("winner", Files.readString(entry.resolve("content")));
        assertEquals(List.of("m", "m.lock"), names(root));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
