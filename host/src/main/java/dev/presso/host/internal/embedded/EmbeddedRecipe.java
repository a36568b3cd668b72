package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Everything that determines the embedded model's bytes: the generator's version, the seed, the
 * corpus, the model's shape and the training settings. Its {@link #key()} names the cache folder.
 *
 * @param seed the seed of the stories, the initial weights and the batches
 * @param corpus how many stories each split has
 * @param shape the model's size
 * @param training how it is trained
 */
record EmbeddedRecipe(long seed, CorpusSettings corpus, ModelShape shape, TrainingSettings training) {
    /**
     * The version of the code that turns a recipe into a model: the grammar, the tokenizer, the
     * initialization and the training loop. Raise it with any change to them that changes the
     * output, so that caches trained by older code are not reused.
     */
    static final int GENERATOR_VERSION = 1;

    /** The default model: about 200 thousand parameters, trained in well under a minute on 2 cores. */
    static final EmbeddedRecipe DEFAULT = new EmbeddedRecipe(20_250_101L,
            new CorpusSettings(640, 100, 100),
            new ModelShape(64, 176, 4, 4, 2, 256),
            new TrainingSettings(200, 12, 160, 5e-3, 0.1, 20, 0.1, 0.9, 0.95, 1e-8, 1.0));

    /** Checks that sequences fit the context. */
    EmbeddedRecipe {
        if (training.sequenceLength() > shape.maxPositions()) {
            throw new IllegalArgumentException("the training sequence length " + training.sequenceLength()
                    + " exceeds the model's context of " + shape.maxPositions());
        }
    }

    /** Describes the recipe, for the hash and the training report. @return a JSON object */
    ObjectNode toJson() {
        ObjectNode json = DurableFiles.json().createObjectNode();
        json.put("generator_version", GENERATOR_VERSION);
        json.put("seed", seed);
        json.set("corpus", corpus.toJson());
        json.set("model", shape.toJson());
        json.set("training", training.toJson());
        return json;
    }

    /**
     * Returns the recipe's cache key: the first 16 hex digits of the SHA-256 of its compact JSON.
     *
     * @return the key
     */
    String key() {
        try {
            byte[] canonical = new ObjectMapper().writeValueAsBytes(toJson());
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the embedded model's recipe", e);
        }
    }
}
