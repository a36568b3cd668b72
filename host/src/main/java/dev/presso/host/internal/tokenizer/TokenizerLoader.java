package dev.presso.host.internal.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.kernel.model.Tokenizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Loads the tokenizer of a Hugging Face model directory, without touching the network. */
public final class TokenizerLoader {
    /** The tokenizer file every supported model directory has. */
    public static final String FILE_NAME = "tokenizer.json";

    /**
     * DJL's options: special tokens as each call asks, and neither truncation nor padding (DJL
     * otherwise truncates to {@code model_max_length}).
     */
    private static final Map<String, String> OPTIONS =
            Map.of("addSpecialTokens", "true", "truncation", "false", "padding", "false");

    private TokenizerLoader() {}

    /**
     * Loads {@code tokenizer.json} with the special tokens the directory's configuration names
     * (see {@link SpecialTokens}).
     *
     * @param directory the model directory
     * @return the tokenizer, to be closed by the caller
     * @throws ModelFormatException if the file is missing or malformed, or the native library
     *     cannot load
     */
    public static Tokenizer load(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(file + ": file not found; expected the Hugging Face tokenizer of the model"
                    + " (tokenizer.json, as saved by transformers)", e);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
        TokenizerVocabulary vocabulary = TokenizerVocabulary.of(JsonObject.parse(bytes, file.toString()));
        SpecialTokens special = SpecialTokens.read(directory, vocabulary);
        DjlOffline.enforce();
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(bytes), OPTIONS);
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelFormatException(file + ": the Hugging Face tokenizers library cannot load it: "
                    + describe(e), e);
        }
        return new DjlTokenizer(tokenizer, vocabulary.size(), special);
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root.getMessage() + ")";
    }
}
