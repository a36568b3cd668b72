package dev.presso.host.internal.pipeline.reader;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Suggestions for misspelled keys and ids. */
class DidYouMeanTest {
    private static final List<String> KEYS = List.of("method", "params", "level", "targets", "exclude", "overrides");

    @Test
    void suggestsTheClosestWordWithinAFewEdits() {
        assertEquals(Optional.of("level"), DidYouMean.closest("levle", KEYS));
        assertEquals(Optional.of("targets"), DidYouMean.closest("target", KEYS));
        assertEquals(Optional.of("params"), DidYouMean.closest("Params", KEYS));
        assertEquals(Optional.of("overrides"), DidYouMean.closest("overides", KEYS));
    }

    @Test
    void suggestsNothingForUnrelatedOrIdenticalWords() {
        assertEquals(Optional.empty(), DidYouMean.closest("budget", KEYS));
        assertEquals(Optional.empty(), DidYouMean.closest("level", List.of("level")));
        assertEquals("", DidYouMean.hint("zzz", KEYS));
    }

    @Test
    void countsSwapsAsOneEdit() {
        assertEquals(1, DidYouMean.distance("rtn", "rnt"));
        assertEquals(3, DidYouMean.distance("kitten", "sitting"));
        assertEquals(0, DidYouMean.distance("", ""));
    }
}
