package dev.presso.host.internal.io;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one JSON form Presso writes: two-space indentation, {@code \n} line ends, a final newline,
 * record components in declaration order and map keys sorted, so equal values give equal bytes on
 * every platform. Non-finite doubles are written as the strings {@code "NaN"}, {@code "Infinity"}
 * and {@code "-Infinity"}, which {@link #read(Path, Class)} reads back. Thread-safe.
 */
public final class CanonicalJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    private static final ObjectWriter WRITER = MAPPER.writer(new DefaultPrettyPrinter()
            .withSeparators(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withObjectEmptySeparator("")
                    .withArrayEmptySeparator(""))
            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
            .withArrayIndenter(new DefaultIndenter("  ", "\n")));

    private CanonicalJson() {}

    /**
     * Returns the shared mapper, for building trees or reading from other sources.
     *
     * @return the mapper; not to be reconfigured
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Writes a value in the canonical form.
     *
     * @param value a record, list, map or Jackson tree
     * @return the JSON text, ending with a newline
     * @throws IllegalArgumentException if the value cannot be mapped to JSON (a programming error)
     */
    public static String toJson(Object value) {
        try {
            return WRITER.writeValueAsString(value) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    /**
     * Reads a JSON file into a type.
     *
     * @param file the file
     * @param type a record or other Jackson-mappable type
     * @param <T> the type
     * @return the value
     * @throws PressoException if the file is missing, unreadable or does not match the type, naming
     *     the file, the line and column, and what was wrong
     */
    public static <T> T read(Path file, Class<T> type) {
        try {
            return MAPPER.readValue(Files.readString(file), type);
        } catch (NoSuchFileException e) {
            throw new PressoException("cannot read " + file + ": the file does not exist", e);
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : ":" + at.getLineNr() + ":" + at.getColumnNr();
            throw new PressoException(file + where + ": not a valid " + type.getSimpleName() + " ("
                    + e.getOriginalMessage() + ")", e);
        } catch (IOException e) {
            throw new PressoException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
