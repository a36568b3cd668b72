package dev.presso.host.internal.tokenizer;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.kernel.model.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stories260K tokenizer through the Rust library reproduces run.c's ids on real text. */
class TokenizerLoaderTest {
    private static Path directory;
    private static Tokenizer tokenizer;

    @BeforeAll
    static void load() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "system property presso.shared.data is not set; run through Maven");
        directory = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(directory.resolve("tokenizer.json")), "no tokenizer at " + directory);
        tokenizer = TokenizerLoader.load(directory);
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    /** The stories of tinystories-text.txt, split as the data README says. */
    static List<String> stories() throws IOException {
        String text = Files.readString(directory.resolve("tinystories-text.txt"));
        return List.of(text.split("\n<\\|endoftext\\|>\n")).stream().map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void everyStoryEncodesToRunCsIdsAndDecodesBack() throws IOException {
        List<String> stories = stories();
        JsonNode expected = JsonMapper.builder().build().readTree(directory.resolve("tinystories-text.ids.json").toFile());
        assertEquals(134, stories.size());
        assertEquals(expected.size(), stories.size());
        for (int i = 0; i < stories.size(); i++) {
            int[] ids = StreamSupport.stream(expected.get(i).spliterator(), false).mapToInt(JsonNode::intValue).toArray();
            int[] encoded = tokenizer.encode(stories.get(i), true);
            assertArrayEquals(ids, encoded, "story " + i);
            assertEquals(stories.get(i), tokenizer.decode(encoded, true), "story " + i);
        }
    }

    @Test
    void specialTokensComeFromTheConfiguration() {
        assertAll(
                () -> assertEquals(512, tokenizer.vocabularySize()),
                () -> assertEquals(OptionalInt.of(1), tokenizer.bosId()),
                () -> assertEquals(List.of(2), tokenizer.eosIds()),
                () -> assertArrayEquals(new int[] {1, 403, 407, 261, 378}, tokenizer.encode("Once upon a time", true)),
                () -> assertArrayEquals(new int[] {403, 407, 261, 378}, tokenizer.encode("Once upon a time", false)),
                () -> assertEquals("<s> Once upon a time", tokenizer.decode(new int[] {1, 403, 407, 261, 378}, false)));
    }

    @Test
    void djlRunsOfflineWithTrackingOff() {
        assertTrue(DjlOffline.isEnforced());
        assertEquals("true", System.getProperty(DjlOffline.OFFLINE_PROPERTY));
    }

    @Test
    void aMissingTokenizerFileIsNamed(@TempDir Path empty) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TokenizerLoader.load(empty));
        assertTrue(e.getMessage().startsWith(empty.resolve("tokenizer.json") + ": file not found"), e.getMessage());
    }

    @Test
    void specialTokensMayBeObjectsAndMustExist(@TempDir Path copy) throws IOException {
        Files.copy(directory.resolve("tokenizer.json"), copy.resolve("tokenizer.json"));
        Files.writeString(copy.resolve("tokenizer_config.json"),
                "{\"bos_token\": {\"content\": \"</s>\"}, \"eos_token\": \"<unk>\"}");
        Files.writeString(copy.resolve("generation_config.json"), "{\"eos_token_id\": [2, 0]}");
        try (Tokenizer custom = TokenizerLoader.load(copy)) {
            assertEquals(OptionalInt.of(2), custom.bosId());
            assertEquals(List.of(2, 0), custom.eosIds());
        }
        Files.writeString(copy.resolve("tokenizer_config.json"), "{\"bos_token\": \"<bos>\"}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TokenizerLoader.load(copy));
        assertTrue(e.getMessage().contains("field 'bos_token' is \"<bos>\"; expected a token of tokenizer.json"),
                e.getMessage());
    }

    @Test
    void aMalformedTokenizerIsReportedWithTheFile(@TempDir Path copy) throws IOException {
        Files.writeString(copy.resolve("tokenizer.json"), "{\"model\": {\"type\": \"BPE\", \"vocab\": {\"a\": 0}},"
                + " \"normalizer\": {\"type\": \"NoSuchNormalizer\"}}");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> TokenizerLoader.load(copy));
        assertTrue(e.getMessage().startsWith(copy.resolve("tokenizer.json")
                + ": the Hugging Face tokenizers library cannot load it"), e.getMessage());
    }
}
