package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.registry.format.RegistryException.Reason;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the members of one JSON object strictly: each read names the member by its JSON Pointer
 * when it is missing or of the wrong form, and {@link #done()} refuses members nobody read.
 */
final class Fields {
    private final JsonNode node;
    private final String pointer;
    private final Set<String> read = new HashSet<>();

    private Fields(JsonNode node, String pointer) {
        this.node = node;
        this.pointer = pointer;
    }

    /**
     * Starts reading an object.
     *
     * @param node the value, which must be an object
     * @param pointer its JSON Pointer ({@code ""} for the root), for messages
     * @return the reader
     */
    static Fields of(JsonNode node, String pointer) {
        if (!node.isObject()) {
            throw malformed(pointer, "expected an object, got " + describe(node));
        }
        return new Fields(node, pointer);
    }

    static RegistryException malformed(String pointer, String message) {
        return new RegistryException(Reason.MALFORMED, (pointer.isEmpty() ? "/" : pointer) + ": " + message);
    }

    static String describe(JsonNode value) {
        String text = value.toString();
        String shown = text.length() > 60 ? text.substring(0, 57) + "..." : text;
        return switch (value.getNodeType()) {
            case OBJECT -> "an object";
            case ARRAY -> "an array";
            case STRING -> "the string " + shown;
            case NUMBER -> "the number " + shown;
            case BOOLEAN -> shown;
            case NULL -> "null";
            default -> shown;
        };
    }

    /**
     * Quotes a value from a document for a message: JSON string syntax (so control characters
     * show as escapes), cut after 80 characters.
     *
     * @param value the value
     * @return the quoted value
     */
    static String quote(String value) {
        String cut = value.length() > 80 ? value.substring(0, 77) + "..." : value;
        return CanonicalJson.toText(CanonicalJson.nodes().textNode(cut.replaceAll("[\\uD800-\\uDFFF]", "?")));
    }

    String pointer() {
        return pointer;
    }

    String pointer(String member) {
        return pointer + "/" + JsonPointers.escape(member);
    }

    boolean has(String member) {
        return node.has(member);
    }

    JsonNode value(String member) {
        read.add(member);
        JsonNode value = node.get(member);
        if (value == null) {
            throw malformed(pointer, "the member \"" + member + "\" is missing");
        }
        return value;
    }

    Optional<JsonNode> optional(String member) {
        read.add(member);
        return Optional.ofNullable(node.get(member));
    }

    String text(String member) {
        return textOf(value(member), pointer(member));
    }

    String text(String member, Pattern form, String expected) {
        String value = text(member);
        if (!form.matcher(value).matches()) {
            throw malformed(pointer(member), quote(value) + " is not valid; expected " + expected);
        }
        return value;
    }

    Optional<String> optionalText(String member) {
        return optional(member).map(v -> textOf(v, pointer(member)));
    }

    long integer(String member, long min) {
        JsonNode value = value(member);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw malformed(pointer(member), "expected an integer, got " + describe(value));
        }
        if (value.longValue() < min) {
            throw malformed(pointer(member), value.longValue() + " is too small; expected at least " + min);
        }
        return value.longValue();
    }

    boolean bool(String member) {
        JsonNode value = value(member);
        if (!value.isBoolean()) {
            throw malformed(pointer(member), "expected true or false, got " + describe(value));
        }
        return value.booleanValue();
    }

    Instant instant(String member) {
        String text = text(member);
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw malformed(pointer(member), quote(text) + " is not an instant; expected ISO-8601 UTC such as"
                    + " 2026-01-31T12:00:00Z");
        }
    }

    Fields object(String member) {
        return of(value(member), pointer(member));
    }

    List<JsonNode> array(String member) {
        JsonNode value = value(member);
        if (!value.isArray()) {
            throw malformed(pointer(member), "expected an array, got " + describe(value));
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    List<String> texts(String member) {
        List<JsonNode> items = array(member);
        List<String> texts = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            texts.add(textOf(items.get(i), pointer(member) + "/" + i));
        }
        return texts;
    }

    /**
     * Returns the members of an object-valued member, in document order.
     *
     * @param member the member
     * @return name to value
     */
    Map<String, JsonNode> entries(String member) {
        JsonNode value = value(member);
        if (!value.isObject()) {
            throw malformed(pointer(member), "expected an object, got " + describe(value));
        }
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        value.properties().forEach(e -> entries.put(e.getKey(), e.getValue()));
        return entries;
    }

    /**
     * Returns the names of all members, in document order.
     *
     * @return the names
     */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Refuses members that were not read. */
    void done() {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
            if (!read.contains(member.getKey())) {
                throw malformed(pointer(member.getKey()), "unknown member; expected only " + String.join(", ",
                        read.stream().sorted().toList()));
            }
        }
    }

    private static String textOf(JsonNode value, String pointer) {
        if (!value.isTextual()) {
            throw malformed(pointer, "expected a string, got " + describe(value));
        }
        return value.textValue();
    }
}
