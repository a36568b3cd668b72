package dev.presso.host.internal.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CanonicalJsonTest {
    /** Components deliberately out of alphabetical order. */
    record Sample(String zeta, double alpha, Map<String, Double> values, List<Integer> list) {}

    @TempDir
    Path folder;

    @Test
    void keepsComponentOrderSortsMapKeysAndEndsWithANewline() {
        Sample sample = new Sample("z", 0.5, Map.of("b", 2.0, "a", 1.0, "c", Double.NaN), List.of(3, 1));

        assertEquals("""
                {
                  "zeta": "z",
                  "alpha": 0.5,
                  "values": {
                    "a": 1.0,
                    "b": 2.0,
                    "c": "NaN"
                  },
                  "list": [
                    3,
                    1
                  ]
                }
                """, CanonicalJson.toJson(sample));
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        Sample sample = new Sample("z", Double.POSITIVE_INFINITY, Map.of("a", Double.NaN), List.of());
        Path file = Files.writeString(folder.resolve("sample.json"), CanonicalJson.toJson(sample));

        Sample read = CanonicalJson.read(file, Sample.class);

        assertEquals(Double.POSITIVE_INFINITY, read.alpha());
        assertTrue(Double.isNaN(read.values().get("a")));
    }

    @Test
    void aMalformedFileIsReportedWithItsLocation() throws Exception {
        Path file = Files.writeString(folder.resolve("broken.json"), "{\n  \"zeta\": \"z\",\n  \"alpha\": oops\n}\n");

        PressoException error = assertThrows(PressoException.class, () -> CanonicalJson.read(file, Sample.class));

        assertTrue(error.getMessage().startsWith(file + ":3:"), error.getMessage());
        assertTrue(error.getMessage().contains("not a valid Sample"), error.getMessage());
    }

    @Test
    void aMissingFileIsReportedByName() {
        Path file = folder.resolve("absent.json");

        PressoException error = assertThrows(PressoException.class, () -> CanonicalJson.read(file, Sample.class));

        assertEquals("cannot read " + file + ": the file does not exist", error.getMessage());
    }
}
