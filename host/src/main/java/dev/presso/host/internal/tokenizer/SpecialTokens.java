package dev.presso.host.internal.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The beginning- and end-of-sequence ids of a model directory, where Hugging Face keeps them.
 *
 * <p>Beginning of sequence: {@code tokenizer_config.json}'s {@code bos_token} (a string or an
 * object with {@code content}) looked up in the vocabulary, else {@code bos_token_id} of
 * {@code generation_config.json}, else of {@code config.json}. End of sequence, which stops
 * generation: {@code eos_token_id} (one id or a list) of {@code generation_config.json}, else of
 * {@code config.json}, else {@code tokenizer_config.json}'s {@code eos_token}. Every file is
 * optional.
 *
 * @param bos the beginning-of-sequence id, if any
 * @param eos the end-of-sequence ids, possibly none
 */
record SpecialTokens(OptionalInt bos, List<Integer> eos) {
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";
    static final String GENERATION_CONFIG = "generation_config.json";
    static final String MODEL_CONFIG = "config.json";

    /** Copies the list. */
    SpecialTokens {
        eos = List.copyOf(eos);
    }

    /**
     * Reads the special tokens of a model directory.
     *
     * @param directory the directory
     * @param vocabulary the tokenizer's vocabulary, to look tokens up and check ids
     * @return the ids
     * @throws ModelFormatException if a file is malformed or names a token or id the tokenizer lacks
     */
    static SpecialTokens read(Path directory, TokenizerVocabulary vocabulary) {
        Optional<JsonObject> tokenizerConfig = optional(directory.resolve(TOKENIZER_CONFIG));
        Optional<JsonObject> generation = optional(directory.resolve(GENERATION_CONFIG));
        Optional<JsonObject> model = optional(directory.resolve(MODEL_CONFIG));
        OptionalInt bos = token(tokenizerConfig, "bos_token", vocabulary);
        if (bos.isEmpty()) {
            bos = firstId(generation, "bos_token_id");
        }
        if (bos.isEmpty()) {
            bos = firstId(model, "bos_token_id");
        }
        List<Integer> eos = ids(generation, "eos_token_id");
        if (eos.isEmpty()) {
            eos = ids(model, "eos_token_id");
        }
        if (eos.isEmpty()) {
            OptionalInt token = token(tokenizerConfig, "eos_token", vocabulary);
            eos = token.isPresent() ? List.of(token.getAsInt()) : List.of();
        }
        check(bos.isPresent() ? List.of(bos.getAsInt()) : List.of(), "beginning-of-sequence", directory, vocabulary);
        check(eos, "end-of-sequence", directory, vocabulary);
        return new SpecialTokens(bos, eos);
    }

    private static Optional<JsonObject> optional(Path file) {
        return Files.isRegularFile(file) ? Optional.of(JsonObject.read(file)) : Optional.empty();
    }

    private static OptionalInt token(Optional<JsonObject> config, String field, TokenizerVocabulary vocabulary) {
        if (config.isEmpty() || !config.get().has(field)) {
            return OptionalInt.empty();
        }
        JsonObject json = config.get();
        JsonNode value = json.value(field).orElseThrow();
        JsonNode content = value.isObject() ? value.get("content") : value;
        if (content == null || !content.isTextual()) {
            throw json.invalid(field, JsonObject.describe(value), "a token string or an object with 'content'");
        }
        OptionalInt id = vocabulary.id(content.textValue());
        if (id.isEmpty()) {
            throw json.invalid(field, "\"" + content.textValue() + "\"", "a token of tokenizer.json");
        }
        return id;
    }

    private static OptionalInt firstId(Optional<JsonObject> config, String field) {
        List<Integer> ids = ids(config, field);
        return ids.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ids.getFirst());
    }

    private static List<Integer> ids(Optional<JsonObject> config, String field) {
        return config.map(json -> json.optionalIntList(field)).orElse(List.of());
    }

    private static void check(List<Integer> ids, String what, Path directory, TokenizerVocabulary vocabulary) {
        for (int id : ids) {
            if (id < 0 || id >= vocabulary.size()) {
                throw new ModelFormatException(directory + ": the " + what + " id " + id
                        + " is outside the tokenizer's vocabulary [0, " + vocabulary.size() + ")");
            }
        }
    }
}
