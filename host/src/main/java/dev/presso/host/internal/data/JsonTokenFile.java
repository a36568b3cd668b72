package dev.presso.host.internal.data;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads JSON token ids with a streaming parser, so large files need no tree: a list of lists of ids,
 * one flat list of ids (a single sequence), or an object whose {@code sequences} field is a list of
 * lists (its other fields are skipped, as in {@code samples-256x64.json}).
 */
final class JsonTokenFile {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final String SEQUENCES = "sequences";

    private final Path file;

    private JsonTokenFile(Path file) {
        this.file = file;
    }

    /**
     * Reads the sequences of a file.
     *
     * @param file the file
     * @return the sequences, in file order
     * @throws DataFormatException naming the line and column of the first problem
     */
    static List<int[]> read(Path file) {
        JsonTokenFile reader = new JsonTokenFile(file);
        try (JsonParser parser = FACTORY.createParser(file.toFile())) {
            List<int[]> sequences = reader.document(parser);
            if (parser.nextToken() != null) {
                throw reader.error(parser, "content after the end of the JSON value");
            }
            return sequences;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            throw new DataFormatException(file + ": malformed JSON" + (at == null ? "" : " at line "
                    + at.getLineNr() + ", column " + at.getColumnNr()) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private List<int[]> document(JsonParser parser) throws IOException {
        JsonToken first = parser.nextToken();
        if (first == JsonToken.START_ARRAY) {
            return listOrLists(parser);
        }
        if (first == JsonToken.START_OBJECT) {
            @Nullable List<int[]> sequences = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (SEQUENCES.equals(field)) {
                    if (value != JsonToken.START_ARRAY) {
                        throw error(parser, "field 'sequences' is not a list; expected a list of lists of ids");
                    }
                    sequences = lists(parser, new ArrayList<>());
                } else {
                    parser.skipChildren();
                }
            }
            if (sequences == null) {
                throw error(parser, "an object without a 'sequences' field; expected a list of lists of ids, a list"
                        + " of ids, or an object with 'sequences'");
            }
            return sequences;
        }
        throw error(parser, "found " + describe(first) + "; expected a list of lists of ids, a list of ids, or an"
                + " object with 'sequences'");
    }

    /** After the opening bracket: a flat list of ids is one sequence, a list of lists is many. */
    private List<int[]> listOrLists(JsonParser parser) throws IOException {
        JsonToken next = parser.nextToken();
        if (next == JsonToken.END_ARRAY) {
            return List.of();
        }
        if (next == JsonToken.START_ARRAY) {
            List<int[]> sequences = new ArrayList<>();
            sequences.add(ids(parser));
            return lists(parser, sequences);
        }
        IdBuffer ids = new IdBuffer();
        ids.add(id(parser));
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            ids.add(id(parser));
        }
        return List.of(ids.toArray());
    }

    private List<int[]> lists(JsonParser parser, List<int[]> sequences) throws IOException {
        JsonToken next;
        while ((next = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (next != JsonToken.START_ARRAY) {
                throw error(parser, "found " + describe(next) + " in the list of sequences; expected a list of ids");
            }
            sequences.add(ids(parser));
        }
        return sequences;
    }

    /** After an opening bracket: ids up to the closing one. */
    private int[] ids(JsonParser parser) throws IOException {
        IdBuffer ids = new IdBuffer();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            ids.add(id(parser));
        }
        return ids.toArray();
    }

    private int id(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token != JsonToken.VALUE_NUMBER_INT) {
            throw error(parser, "found " + describe(token) + "; expected a token id (an integer >= 0)");
        }
        long value = parser.getLongValue();
        if (value < 0 || value > Integer.MAX_VALUE) {
            throw error(parser, "found id " + parser.getText() + "; expected an integer in [0, " + Integer.MAX_VALUE
                    + "]");
        }
        return (int) value;
    }

    private static String describe(@Nullable JsonToken token) {
        return token == null ? "the end of the file" : switch (token) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_FLOAT -> "a fractional number";
            case VALUE_NUMBER_INT -> "an integer";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private DataFormatException error(JsonParser parser, String message) {
        JsonLocation at = parser.currentTokenLocation();
        return new DataFormatException(file + ": line " + at.getLineNr() + ", column " + at.getColumnNr() + ": "
                + message);
    }

    /** A growable int array, so that ids are never boxed. */
    private static final class IdBuffer {
        private int[] ids = new int[256];
        private int size;

        void add(int id) {
            if (size == ids.length) {
                ids = Arrays.copyOf(ids, size * 2);
            }
            ids[size++] = id;
        }

        int[] toArray() {
            return Arrays.copyOf(ids, size);
        }
    }
}
