package dev.presso.registry.format;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The registry's canonical JSON: the exact bytes that are signed.
 *
 * <p>Rules (RFC 8785, JCS, restricted to integers): UTF-8; no whitespace outside strings; object
 * members sorted by key, comparing UTF-16 code units (Java's {@link String#compareTo}); numbers are
 * integers in the signed 64-bit range written in plain decimal (no fraction, exponent, leading
 * zeros or {@code +}; {@code -0} is {@code 0}); strings escape {@code "} and {@code \} with a
 * backslash, {@code \b \f \n \r \t} in their short forms, other characters below U+0020 as
 * {@code \}{@code u00xx} with lower-case hex, and write every other character as itself, so
 * non-ASCII text and {@code /} stay unescaped; {@code true}, {@code false} and {@code null} as
 * literals. A lone surrogate cannot be written.
 *
 * <p>Parsing is strict: duplicate keys, trailing content and non-integer numbers are refused. A
 * signature is checked against the canonical form of the parsed {@code signed} value, so a mirror
 * that re-indents the file does not break it. Thread-safe.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private CanonicalJson() {}

    /**
     * Returns a factory for building trees to write.
     *
     * @return the node factory
     */
    public static JsonNodeFactory nodes() {
        return MAPPER.getNodeFactory();
    }

    /**
     * Returns a new empty object node.
     *
     * @return the node
     */
    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /**
     * Parses JSON strictly.
     *
     * @param bytes UTF-8 JSON text
     * @param source what the bytes are, for messages (a file name or URL)
     * @return the tree
     * @throws RegistryException ({@link RegistryException.Reason#MALFORMED}) if the text is not
     *     JSON, has duplicate keys or trailing content, or holds a number that is not an integer
     *     in the 64-bit range; the message names the source, line and column
     */
    public static JsonNode parse(byte[] bytes, String source) {
        JsonNode tree;
        try {
            tree = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new RegistryException(RegistryException.Reason.MALFORMED,
                    source + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        } catch (java.io.IOException e) {
            throw new RegistryException(RegistryException.Reason.MALFORMED, source + ": not valid JSON ("
                    + e.getMessage() + ")", e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new RegistryException(RegistryException.Reason.MALFORMED, source + ": empty; expected a JSON value");
        }
        checkNumbers(tree, source, "");
        return tree;
    }

    /**
     * Writes a tree in canonical form.
     *
     * @param value the tree
     * @return its canonical UTF-8 bytes
     * @throws IllegalArgumentException if the tree holds a number that is not a 64-bit integer or
     *     a string with a lone surrogate (a programming error: records never build such trees)
     */
    public static byte[] toBytes(JsonNode value) {
        return toText(value).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Writes a tree in canonical form as text.
     *
     * @param value the tree
     * @return the canonical text
     */
    public static String toText(JsonNode value) {
        StringBuilder out = new StringBuilder(256);
        write(value, out);
        return out.toString();
    }

    private static void write(JsonNode node, StringBuilder out) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                names.sort(null);
                out.append('{');
                for (int i = 0; i < names.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    writeString(names.get(i), out);
                    out.append(':');
                    write(node.get(names.get(i)), out);
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < node.size(); i++) {
                    if (i > 0) {
                        out.append(',');
                    }
                    write(node.get(i), out);
                }
                out.append(']');
            }
            case STRING -> writeString(node.textValue(), out);
            case NUMBER -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw new IllegalArgumentException("canonical JSON holds only 64-bit integers, not " + node);
                }
                out.append(node.longValue());
            }
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException("cannot write a " + node.getNodeType() + " node as JSON");
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                            && Character.isLowSurrogate(text.charAt(i + 1))) {
                        out.append(c).append(text.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        throw new IllegalArgumentException("a string holds a lone surrogate at index " + i);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void checkNumbers(JsonNode node, String source, String pointer) {
        if (node.isNumber()) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw new RegistryException(RegistryException.Reason.MALFORMED, source + ": " + pointerOrRoot(pointer)
                        + ": the number " + node.asText() + " is not allowed; expected an integer in the 64-bit range");
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                checkNumbers(field.getValue(), source, pointer + "/" + JsonPointers.escape(field.getKey()));
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkNumbers(node.get(i), source, pointer + "/" + i);
            }
        }
    }

    private static String pointerOrRoot(String pointer) {
        return pointer.isEmpty() ? "/" : pointer;
    }
}
