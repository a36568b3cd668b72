package dev.presso.host.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path folder;

    @Test
    void writesAndReplacesWithoutLeavingTemporaryFiles() throws IOException {
        Path target = folder.resolve("nested/run/result.txt");

        AtomicFiles.writeString(target, "first");
        AtomicFiles.writeString(target, "second, longer than the first");
        AtomicFiles.writeBytes(folder.resolve("nested/run/blob.bin"), new byte[] {1, 2, 3});

        assertEquals("second, longer than the first", Files.readString(target));
        assertEquals(List.of("blob.bin", "result.txt"), names(target.getParent()));
    }

    @Test
    void aFailingWriterLeavesTheOldFileAndNoTemporaryFile() throws IOException {
        Path target = folder.resolve("checkpoint.bin");
        AtomicFiles.writeString(target, "old");

        PressoException error = assertThrows(PressoException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new content".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));

        assertTrue(error.getMessage().contains(target.toString()), error.getMessage());
        assertTrue(error.getMessage().contains("disk full"), error.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of("checkpoint.bin"), names(folder));
    }

    @Test
    void anUnwritableTargetNamesTheFile() throws IOException {
        Path notAFolder = Files.writeString(folder.resolve("plain-file"), "x");

        PressoException error = assertThrows(PressoException.class,
                () -> AtomicFiles.writeString(notAFolder.resolve("report.json"), "{}"));

        assertTrue(error.getMessage().startsWith("cannot write " + notAFolder.resolve("report.json")),
                error.getMessage());
    }

    @Test
    void concurrentWritersToOneTargetEachLeaveAWholeFile() throws Exception {
        Path target = folder.resolve("shared.txt");
        List<String> contents = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            contents.add(Integer.toString(i).repeat(10_000));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Path>> writes = new ArrayList<>();
            for (String content : contents) {
                writes.add(pool.submit(() -> AtomicFiles.writeString(target, content)));
            }
            for (Future<Path> write : writes) {
                write.get();
            }
        }

        assertTrue(contents.contains(Files.readString(target)));
        assertEquals(List.of("shared.txt"), names(folder));
    }

    @Test
    void findsAndDeletesTheLeftoversOfACrash() throws IOException {
        Path leftover = Files.writeString(folder.resolve(".report.json.4242-7.tmp"), "torn");
        Path kept = Files.writeString(folder.resolve("report.json"), "{}");
        Path hiddenButNotOurs = Files.writeString(folder.resolve(".gitignore"), "*");

        assertTrue(AtomicFiles.isLeftover(leftover));
        assertFalse(AtomicFiles.isLeftover(kept));
        assertFalse(AtomicFiles.isLeftover(hiddenButNotOurs));
        assertEquals(List.of(leftover), AtomicFiles.deleteLeftovers(folder));
        assertEquals(List.of(".gitignore", "report.json"), names(folder));
        assertEquals(List.of(), AtomicFiles.deleteLeftovers(folder.resolve("missing")));
    }

    @Test
    void writesCanonicalJson() throws IOException {
        Path target = AtomicFiles.writeJson(folder.resolve("seed.json"), Map.of("seed", 7, "name", "demo"));

        assertEquals("{\n  \"name\": \"demo\",\n  \"seed\": 7\n}\n", Files.readString(target));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
