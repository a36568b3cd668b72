package dev.presso.host.internal.embedded;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.model.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The written word-level tokenizer loads through the host's tokenizer loader (the Rust tokenizers
 * library), encodes every story to the vocabulary's ids with {@code <s>} first, and decodes back to
 * the exact text.
 */
class TokenizerFilesTest {
    @Test
    void everyStoryEncodesToTheVocabularysIdsAndDecodesToItself(@TempDir Path folder) throws IOException {
        Corpus corpus = Corpus.generate(EmbeddedRecipe.DEFAULT.corpus(), EmbeddedRecipe.DEFAULT.seed());
        WordVocabulary vocabulary = WordVocabulary.of(corpus.all());
        TokenizerFiles.write(folder, vocabulary, 256);
        Map<String, Integer> ids = new HashMap<>();
        for (int id = 0; id < vocabulary.size(); id++) {
            ids.put(vocabulary.pieces().get(id), id);
        }
        try (Tokenizer tokenizer = TokenizerLoader.load(folder)) {
            assertEquals(vocabulary.size(), tokenizer.vocabularySize());
            assertEquals(WordVocabulary.BEGIN_ID, tokenizer.bosId().orElseThrow());
            assertEquals(List.of(WordVocabulary.END_ID), tokenizer.eosIds());
            for (String story : corpus.all()) {
                List<String> pieces = WordVocabulary.split(story);
                int[] expected = new int[pieces.size() + 1];
                expected[0] = WordVocabulary.BEGIN_ID;
                for (int i = 0; i < pieces.size(); i++) {
                    expected[i + 1] = ids.get(pieces.get(i));
                }
                int[] encoded = Documents.encode(tokenizer, story);
                assertArrayEquals(expected, encoded, story);
                assertEquals(story, tokenizer.decode(encoded, true));
            }
            assertEquals(0, tokenizer.encode("Lily saw a zebra", false)[3], "an unknown word is <unk>");
        }
    }

    @Test
    void specialsComeFirstThenTheMostFrequentWords() {
        WordVocabulary vocabulary = WordVocabulary.of(List.of("b a. a", "c, a b"));
        assertEquals(List.of("<unk>", "<s>", "</s>", "a", "b", ",", ".", "c"), vocabulary.pieces());
        assertEquals(List.of("Tom", "ran", ",", "fast", ".", "!?"), WordVocabulary.split("Tom ran, fast. !?"));
    }
}
