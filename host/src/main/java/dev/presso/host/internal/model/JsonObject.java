package dev.presso.host.internal.model;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON object read strictly from one file, with typed field accessors whose errors name the file
 * and the field path (such as {@code rope_scaling.factor}), what was found and what was expected.
 *
 * <p>Parsing rejects duplicate keys and trailing content. A field whose value is JSON {@code null}
 * counts as absent, as Hugging Face configurations write {@code "rope_scaling": null}. Immutable.
 */
public final class JsonObject {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final ObjectNode node;
    private final String source;
    private final String prefix;

    private JsonObject(ObjectNode node, String source, String prefix) {
        this.node = node;
        this.source = source;
        this.prefix = prefix;
    }

    /**
     * Reads a file that must hold one JSON object.
     *
     * @param file the file
     * @return the object
     * @throws ModelFormatException if the file is missing, unreadable, not JSON or not an object
     */
    public static JsonObject read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": file not found", e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Parses bytes that must hold one JSON object.
     *
     * @param bytes UTF-8 JSON
     * @param source the file (and part of it) the bytes come from, for messages
     * @return the object
     * @throws ModelFormatException if the bytes are not JSON or not an object
     */
    public static JsonObject parse(byte[] bytes, String source) {
        @Nullable JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new ModelFormatException(source + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException(source + ": cannot be parsed: " + e.getMessage(), e);
        }
        if (!(root instanceof ObjectNode object)) {
            throw new ModelFormatException(source + ": expected a JSON object, got "
                    + (root == null || root.isMissingNode() ? "no content" : describe(root)));
        }
        return new JsonObject(object, source, "");
    }

    /** Returns the file this object comes from, for messages. @return the source */
    public String source() {
        return source;
    }

    /** Returns the names of the fields, in file order. @return the names */
    public List<String> fieldNames() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Returns whether a field is present with a non-null value.
     *
     * @param field the field name
     * @return whether it is set
     */
    public boolean has(String field) {
        JsonNode value = node.get(field);
        return value != null && !value.isNull();
    }

    /**
     * Returns a field's raw value.
     *
     * @param field the field name
     * @return the value, empty when absent or null
     */
    public Optional<JsonNode> value(String field) {
        return has(field) ? Optional.of(node.get(field)) : Optional.empty();
    }

    /**
     * Reads a required integer field.
     *
     * @param field the field name
     * @return its value
     */
    public int requiredInt(String field) {
        return asInt(field, require(field, "an integer"));
    }

    /**
     * Reads a required integer field that must be at least 1.
     *
     * @param field the field name
     * @return its value
     */
    public int requiredPositiveInt(String field) {
        int value = requiredInt(field);
        if (value < 1) {
            throw invalid(field, String.valueOf(value), "a positive integer");
        }
        return value;
    }

    /**
     * Reads an optional integer field that must be at least 1 when set.
     *
     * @param field the field name
     * @param fallback the value when absent
     * @return its value
     */
    public int optionalPositiveInt(String field, int fallback) {
        if (!has(field)) {
            return fallback;
        }
        int value = asInt(field, node.get(field));
        if (value < 1) {
            throw invalid(field, String.valueOf(value), "a positive integer");
        }
        return value;
    }

    /**
     * Reads a required number field.
     *
     * @param field the field name
     * @return its value
     */
    public double requiredDouble(String field) {
        return asDouble(field, require(field, "a number"));
    }

    /**
     * Reads an optional positive, finite number field.
     *
     * @param field the field name
     * @param fallback the value when absent
     * @return its value
     */
    public double optionalPositiveDouble(String field, double fallback) {
        if (!has(field)) {
            return fallback;
        }
        double value = asDouble(field, node.get(field));
        if (!(value > 0) || Double.isInfinite(value)) {
            throw invalid(field, String.valueOf(value), "a positive finite number");
        }
        return value;
    }

    /**
     * Reads an optional boolean field.
     *
     * @param field the field name
     * @param fallback the value when absent
     * @return its value
     */
    public boolean optionalBoolean(String field, boolean fallback) {
        if (!has(field)) {
            return fallback;
        }
        JsonNode value = node.get(field);
        if (!value.isBoolean()) {
            throw invalid(field, describe(value), "true or false");
        }
        return value.booleanValue();
    }

    /**
     * Reads an optional string field.
     *
     * @param field the field name
     * @return its value, empty when absent
     */
    public Optional<String> optionalString(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        JsonNode value = node.get(field);
        if (!value.isTextual()) {
            throw invalid(field, describe(value), "a string");
        }
        return Optional.of(value.textValue());
    }

    /**
     * Reads an optional field holding one integer or a list of integers.
     *
     * @param field the field name
     * @return the integers, empty when absent
     */
    public List<Integer> optionalIntList(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            return List.of(asInt(field, value));
        }
        List<Integer> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            values.add(asInt(field + "[" + i + "]", value.get(i)));
        }
        return List.copyOf(values);
    }

    /**
     * Reads an optional list of strings.
     *
     * @param field the field name
     * @return the strings, empty when absent
     */
    public List<String> optionalStringList(String field) {
        if (!has(field)) {
            return List.of();
        }
        JsonNode value = node.get(field);
        if (!value.isArray()) {
            throw invalid(field, describe(value), "a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                throw invalid(field + "[" + i + "]", describe(item), "a string");
            }
            values.add(item.textValue());
        }
        return List.copyOf(values);
    }

    /**
     * Reads an optional nested object.
     *
     * @param field the field name
     * @return the object, whose messages carry the field path, empty when absent
     */
    public Optional<JsonObject> optionalObject(String field) {
        if (!has(field)) {
            return Optional.empty();
        }
        return Optional.of(requiredObject(field));
    }

    /**
     * Reads a required nested object.
     *
     * @param field the field name
     * @return the object, whose messages carry the field path
     */
    public JsonObject requiredObject(String field) {
        JsonNode value = require(field, "an object");
        if (!(value instanceof ObjectNode object)) {
            throw invalid(field, describe(value), "an object");
        }
        return new JsonObject(object, source, path(field) + ".");
    }

    /**
     * Returns an error about a field, naming the file and the field path.
     *
     * @param field the field name
     * @param found what the field holds
     * @param expected what it should hold
     * @return the exception to throw
     */
    public ModelFormatException invalid(String field, String found, String expected) {
        return new ModelFormatException(source + ": field '" + path(field) + "' is " + found + "; expected "
                + expected);
    }

    private JsonNode require(String field, String expected) {
        if (!has(field)) {
            throw new ModelFormatException(source + ": field '" + path(field) + "' is "
                    + (node.has(field) ? "null" : "missing") + "; expected " + expected);
        }
        return node.get(field);
    }

    private int asInt(String field, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw invalid(field, describe(value), "an integer");
        }
        return value.intValue();
    }

    private double asDouble(String field, JsonNode value) {
        if (!value.isNumber()) {
            throw invalid(field, describe(value), "a number");
        }
        return value.doubleValue();
    }

    private String path(String field) {
        return prefix + field;
    }

    /** Describes a JSON value for messages: its text, shortened, and its kind. */
    public static String describe(JsonNode value) {
        String text = value.toString();
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + text;
    }
}
