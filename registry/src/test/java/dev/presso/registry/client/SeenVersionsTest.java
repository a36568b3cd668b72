package dev.presso.registry.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.registry.format.RegistryException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeenVersionsTest {
    @TempDir Path state;

    @Test
    void versionsOnlyGoUpAndSurviveReopening() throws IOException {
        SeenVersions seen = SeenVersions.in(state);
        assertTrue(seen.highest("http://a/").isEmpty());
        seen.record("http://a/", 5);
        seen.record("http://a/", 3);
        seen.record("file:/b/", 1);
        SeenVersions reopened = SeenVersions.in(state);
        assertEquals(5, reopened.highest("http://a/").orElseThrow());
        assertEquals(1, reopened.highest("file:/b/").orElseThrow());
        assertEquals("{\"format\":1,\"seen\":{\"file:/b/\":1,\"http://a/\":5}}",
                Files.readString(state.resolve(SeenVersions.FILE)));
    }

    @Test
    void aDamagedFileIsNamedWithTheWayOut() throws IOException {
        Files.writeString(state.resolve(SeenVersions.FILE), "{\"format\":1,\"seen\":{\"http://a/\":\"x\"}}");
        RegistryException e = assertThrows(RegistryException.class, () -> SeenVersions.in(state).highest("http://a/"));
        assertTrue(e.getMessage().contains(SeenVersions.FILE) && e.getMessage().contains("delete the file"),
                e.getMessage());
    }
}
