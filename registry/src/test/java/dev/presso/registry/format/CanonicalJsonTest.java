package dev.presso.registry.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    private static JsonNode parse(String json) {
        return CanonicalJson.parse(json.getBytes(StandardCharsets.UTF_8), "test.json");
    }

    @Test
    void sortsKeysRecursivelyAndDropsWhitespace() {
        JsonNode tree = parse("{ \"b\": [3, {\"z\": true, \"a\": null}], \"a\": \"x\", \"B\": -0 }");
        assertEquals("{\"B\":0,\"a\":\"x\",\"b\":[3,{\"a\":null,\"z\":true}]}", CanonicalJson.toText(tree));
    }

    @Test
    void escapesAsRfc8785() {
        ObjectNode node = CanonicalJson.object();
        node.put("s", "q\" b\\ \b\f\n\r\t \u0001 \u001f / é \uD83D\uDE00");
        String text = CanonicalJson.toText(node);
        assertEquals("{\"s\":\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0001 \\u001f / é \uD83D\uDE00\"}", text);
        assertArrayEquals(text.getBytes(StandardCharsets.UTF_8), CanonicalJson.toBytes(node));
    }

    @Test
    void sortsByUtf16CodeUnits() {
        JsonNode tree = parse("{\"\uE000\": 1, \"\uD83D\uDE00\": 2, \"a\": 3}");
        assertEquals("{\"a\":3,\"\uD83D\uDE00\":2,\"\uE000\":1}", CanonicalJson.toText(tree));
    }

    @Test
    void canonicalFormIsAFixedPoint() {
        JsonNode tree = parse("{\"x\": {\"k\": [1, 2, \"three\"]}, \"n\": 9223372036854775807}");
        byte[] once = CanonicalJson.toBytes(tree);
        assertArrayEquals(once, CanonicalJson.toBytes(CanonicalJson.parse(once, "again")));
    }

    @Test
    void refusesNonIntegerNumbersNamingThePointer() {
        RegistryException e = assertThrows(RegistryException.class, () -> parse("{\"a\": {\"b\": [1, 2.5]}}"));
        assertEquals(RegistryException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("/a/b/1") && e.getMessage().contains("2.5"), e.getMessage());
        assertThrows(RegistryException.class, () -> parse("{\"a\": 1e3}"));
        assertThrows(RegistryException.class, () -> parse("{\"a\": 99999999999999999999}"));
    }

    @Test
    void refusesDuplicatesTrailingContentAndComments() {
        RegistryException dup = assertThrows(RegistryException.class, () -> parse("{\"a\": 1, \"a\": 2}"));
        assertTrue(dup.getMessage().startsWith("test.json:1:"), dup.getMessage());
        assertTrue(dup.getMessage().contains("Duplicate"), dup.getMessage());
        assertThrows(RegistryException.class, () -> parse("{\"a\": 1} {}"));
        assertThrows(RegistryException.class, () -> parse("{\"a\": 1 /* c */}"));
        assertThrows(RegistryException.class, () -> parse(""));
    }
}
