package dev.presso.registry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class VersionsTest {
    private static PluginVersion v(String text) {
        return PluginVersion.parse(text);
    }

    @Test
    void versionsOrderAsOsgi() {
        List<String> sorted = Stream.of("1.10.0", "1.2.0", "1.2.0.beta", "1.2.0.alpha", "0.9", "2")
                .map(PluginVersion::parse).sorted().map(PluginVersion::toString).toList();
        assertEquals(List.of("0.9.0", "1.2.0", "1.2.0.alpha", "1.2.0.beta", "1.10.0", "2.0.0"), sorted);
        assertEquals(v("1.2"), v("1.2.0"));
        assertThrows(IllegalArgumentException.class, () -> PluginVersion.parseCanonical("1.2"));
        for (String bad : List.of("", "1.", "01.2.0", "1.2.3.a b", "-1", "1.2.3.", "../1")) {
            assertThrows(IllegalArgumentException.class, () -> PluginVersion.parse(bad), bad);
        }
    }

    @Test
    void rangesFollowOsgiSyntax() {
        VersionRange range = VersionRange.parse("[1.0,2)");
        assertTrue(range.includes(v("1.0.0")));
        assertTrue(range.includes(v("1.99.0")));
        assertFalse(range.includes(v("2.0.0")));
        assertFalse(range.includes(v("0.9.9")));
        VersionRange open = VersionRange.parse("(1.0,2.0]");
        assertFalse(open.includes(v("1.0.0")));
        assertTrue(open.includes(v("2.0.0")));
        assertTrue(VersionRange.parse("1.2").includes(v("7.0.0")));
        assertFalse(VersionRange.parse("1.2").includes(v("1.1.9")));
        VersionRange both = VersionRange.parse("[1.0,2) and [1.1,3)");
        assertFalse(both.includes(v("1.0.5")));
        assertTrue(both.includes(v("1.5.0")));
        assertTrue(VersionRange.exactly(v("1.0.0")).includes(v("1.0.0")));
        assertFalse(VersionRange.exactly(v("1.0.0")).includes(v("1.0.1")));
    }

    @Test
    void refusesMalformedAndEmptyRanges() {
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> VersionRange.parse("[2,1]"));
        assertTrue(empty.getMessage().contains("empty range"), empty.getMessage());
        assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("[1,1)"));
        assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("^1.2"));
        assertThrows(IllegalArgumentException.class, () -> VersionRange.parse("[1.0,2"));
    }

    @Test
    void idsAndNamespaces() {
        assertTrue(PluginId.isValid("acme.kmeans"));
        assertTrue(PluginId.isValid("evaluators"));
        assertEquals("acme", PluginId.namespaceOf("acme.kmeans.v2"));
        assertEquals("evaluators", PluginId.namespaceOf("evaluators"));
        for (String bad : List.of("../evil", "acme/kmeans", "Acme.kmeans", ".acme", "acme.", "acme..x", "a\u0000b",
                "acme\\x", "/abs", "", "x".repeat(129))) {
            assertFalse(PluginId.isValid(bad), bad);
        }
    }
}
