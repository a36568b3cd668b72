package dev.presso.kernel.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSettingsTest {
    private static final List<PluginOption> OPTIONS = List.of(
            new PluginOption("group-size", "128", "columns per group"),
            new PluginOption("damp", "0.01", "damping"),
            new PluginOption("symmetric", "false", "grid"),
            new PluginOption("protocol", "document", "how"),
            new PluginOption("seed-offset", "0", "seed"));

    private static PluginSettings settings(Map<String, String> values) {
        return new PluginSettings("method test", values, OPTIONS);
    }

    private static String message(Runnable action) {
        return assertThrows(PressoException.class, action::run).getMessage();
    }

    @Test
    void absentSettingsReadAsTheirDefaults() {
        PluginSettings s = settings(Map.of());
        assertEquals(128, s.integer("group-size", 0, Integer.MAX_VALUE));
        assertEquals(0.01, s.decimal("damp", 0, 1));
        assertFalse(s.flag("symmetric"));
        assertEquals("document", s.choice("protocol", "document", "sliding"));
        assertEquals("0", s.text("seed-offset"));
    }

    @Test
    void givenSettingsAreReadStrippedAndTyped() {
        PluginSettings s = settings(Map.of("group-size", " 32 ", "damp", "1", "symmetric", "TRUE",
                "protocol", "sliding", "seed-offset", "-9000000000"));
        assertEquals(32, s.integer("group-size", 0, 64));
        assertEquals(1.0, s.decimal("damp", 0, 1));
        assertTrue(s.flag("symmetric"));
        assertEquals("sliding", s.choice("protocol", "document", "sliding"));
        assertEquals(-9_000_000_000L, s.integer("seed-offset", Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void unknownNamesAreRefusedWithASuggestionWhenOneNameIsClose() {
        assertEquals("method test: unknown setting 'dampp' (value \"2\"); did you mean 'damp'? expected one of"
                + " group-size, damp, symmetric, protocol, seed-offset", message(() -> settings(Map.of("dampp", "2"))));
        assertEquals("method test: unknown setting 'bits' (value \"4\"); expected one of group-size, damp, symmetric,"
                + " protocol, seed-offset", message(() -> settings(Map.of("bits", "4"))));
        assertEquals("search none: unknown setting 'rounds' (value \"3\"); expected no settings",
                message(() -> new PluginSettings("search none", Map.of("rounds", "3"), List.of())));
    }

    @Test
    void badValuesNameOwnerSettingValueAndExpectation() {
        assertEquals("method test: setting 'group-size' is \"-1\"; expected an integer >= 0",
                message(() -> settings(Map.of("group-size", "-1")).integer("group-size", 0, Integer.MAX_VALUE)));
        assertEquals("method test: setting 'group-size' is \"65\"; expected an integer in [0, 64]",
                message(() -> settings(Map.of("group-size", "65")).integer("group-size", 0, 64)));
        assertEquals("method test: setting 'group-size' is \"3.5\"; expected an integer >= 1",
                message(() -> settings(Map.of("group-size", "3.5")).integer("group-size", 1L, Long.MAX_VALUE)));
        assertEquals("method test: setting 'damp' is \"NaN\"; expected a number in [0.0, 1.0]",
                message(() -> settings(Map.of("damp", "NaN")).decimal("damp", 0, 1)));
        assertEquals("method test: setting 'damp' is \"Infinity\"; expected a number in [0.0, Infinity]",
                message(() -> settings(Map.of("damp", "Infinity")).decimal("damp", 0, Double.POSITIVE_INFINITY)));
        assertEquals("method test: setting 'symmetric' is \"yes\"; expected true or false",
                message(() -> settings(Map.of("symmetric", "yes")).flag("symmetric")));
        assertEquals("method test: setting 'protocol' is \"Sliding\"; expected one of document, sliding",
                message(() -> settings(Map.of("protocol", "Sliding")).choice("protocol", "document", "sliding")));
        assertEquals("method test: setting 'damp' is \"0.01\"; expected above 0",
                settings(Map.of()).invalid("damp", "above 0").getMessage());
    }

    @Test
    void readingAnUndeclaredNameIsThePluginsBug() {
        assertThrows(IllegalStateException.class, () -> settings(Map.of()).text("bits"));
    }
}
