package dev.presso.host.internal.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The pieces and ids a {@code tokenizer.json} declares: its model's vocabulary (an object from piece
 * to id for BPE and WordPiece, a list of {@code [piece, score]} pairs for Unigram) and its added
 * tokens. The vocabulary size is the largest id plus one, as Hugging Face's {@code len(tokenizer)}.
 */
final class TokenizerVocabulary {
    private final Map<String, Integer> ids;
    private final int size;

    private TokenizerVocabulary(Map<String, Integer> ids, int size) {
        this.ids = Map.copyOf(ids);
        this.size = size;
    }

    /**
     * Reads the vocabulary of a parsed {@code tokenizer.json}.
     *
     * @param json the file's object
     * @return the vocabulary
     * @throws ModelFormatException if the model has no vocabulary or an id is invalid
     */
    static TokenizerVocabulary of(JsonObject json) {
        Map<String, Integer> ids = new HashMap<>();
        JsonObject model = json.requiredObject("model");
        JsonNode vocab = model.value("vocab").orElseThrow(
                () -> model.invalid("vocab", "missing", "the model's vocabulary"));
        if (vocab.isObject()) {
            for (Map.Entry<String, JsonNode> entry : vocab.properties()) {
                ids.put(entry.getKey(), id(model, "vocab." + entry.getKey(), entry.getValue()));
            }
        } else if (vocab.isArray()) {
            for (int i = 0; i < vocab.size(); i++) {
                JsonNode pair = vocab.get(i);
                if (!pair.isArray() || pair.isEmpty() || !pair.get(0).isTextual()) {
                    throw model.invalid("vocab[" + i + "]", JsonObject.describe(pair), "a [piece, score] pair");
                }
                ids.putIfAbsent(pair.get(0).textValue(), i);
            }
        } else {
            throw model.invalid("vocab", JsonObject.describe(vocab), "an object or a list of pairs");
        }
        int largest = ids.values().stream().mapToInt(Integer::intValue).max().orElse(-1);
        JsonNode added = json.value("added_tokens").orElse(null);
        if (added != null && added.isArray()) {
            for (int i = 0; i < added.size(); i++) {
                JsonNode token = added.get(i);
                JsonNode content = token.get("content");
                if (content == null || !content.isTextual()) {
                    throw json.invalid("added_tokens[" + i + "]", JsonObject.describe(token),
                            "an object with a string 'content' and an integer 'id'");
                }
                int id = id(json, "added_tokens[" + i + "].id", token.get("id"));
                ids.put(content.textValue(), id);
                largest = Math.max(largest, id);
            }
        }
        if (largest < 0) {
            throw model.invalid("vocab", "empty", "at least one piece");
        }
        return new TokenizerVocabulary(ids, largest + 1);
    }

    private static int id(JsonObject owner, String field, JsonNode value) {
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
            throw owner.invalid(field, value == null ? "missing" : JsonObject.describe(value), "an id >= 0");
        }
        return value.intValue();
    }

    /** Returns the number of ids. @return the largest id plus one */
    int size() {
        return size;
    }

    /**
     * Looks up a piece or added token.
     *
     * @param piece the token's text, such as {@code <s>}
     * @return its id, empty when the tokenizer does not have it
     */
    OptionalInt id(String piece) {
        Integer id = ids.get(piece);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }
}
