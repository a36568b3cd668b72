package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a word-level Hugging Face tokenizer: {@code tokenizer.json} with a {@code WordLevel} model
 * over the vocabulary, the {@code Whitespace} pre-tokenizer, a post-processor that puts {@code <s>}
 * before every sequence (as LLaMA's tokenizer does) and a {@code WordPiece} decoder whose cleanup
 * joins punctuation back onto the word before it; and the matching {@code tokenizer_config.json}.
 */
final class TokenizerFiles {
    /** The tokenizer file's name. */
    static final String TOKENIZER = "tokenizer.json";
    /** The tokenizer configuration's name. */
    static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    private TokenizerFiles() {}

    /**
     * Writes both files into a folder.
     *
     * @param folder the model folder
     * @param vocabulary the pieces
     * @param maxLength the model's context length, for {@code model_max_length}
     * @throws IOException if a file cannot be written
     */
    static void write(Path folder, WordVocabulary vocabulary, int maxLength) throws IOException {
        DurableFiles.json(folder.resolve(TOKENIZER), tokenizer(vocabulary));
        DurableFiles.json(folder.resolve(TOKENIZER_CONFIG), config(maxLength));
    }

    private static ObjectNode tokenizer(WordVocabulary vocabulary) {
        ObjectNode root = DurableFiles.json().createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int id = 0; id < WordVocabulary.SPECIALS.size(); id++) {
            added.addObject().put("id", id).put("content", WordVocabulary.SPECIALS.get(id)).put("single_word", false)
                    .put("lstrip", false).put("rstrip", false).put("normalized", false).put("special", true);
        }
        root.putNull("normalizer");
        root.putObject("pre_tokenizer").put("type", "Whitespace");
        root.set("post_processor", beginningOfSequence());
        root.putObject("decoder").put("type", "WordPiece").put("prefix", "##").put("cleanup", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode vocab = model.putObject("vocab");
        List<String> pieces = vocabulary.pieces();
        for (int id = 0; id < pieces.size(); id++) {
            vocab.put(pieces.get(id), id);
        }
        model.put("unk_token", WordVocabulary.UNKNOWN);
        return root;
    }

    /** {@code TemplateProcessing}: {@code <s> $A}, and {@code <s> $A <s> $B} for pairs. */
    private static ObjectNode beginningOfSequence() {
        ObjectNode processor = DurableFiles.json().createObjectNode();
        processor.put("type", "TemplateProcessing");
        ArrayNode single = processor.putArray("single");
        addSpecial(single);
        addSequence(single, "A");
        ArrayNode pair = processor.putArray("pair");
        addSpecial(pair);
        addSequence(pair, "A");
        addSpecial(pair);
        addSequence(pair, "B");
        ObjectNode begin = processor.putObject("special_tokens").putObject(WordVocabulary.BEGIN);
        begin.put("id", WordVocabulary.BEGIN);
        begin.putArray("ids").add(WordVocabulary.BEGIN_ID);
        begin.putArray("tokens").add(WordVocabulary.BEGIN);
        return processor;
    }

    private static void addSpecial(ArrayNode template) {
        template.addObject().putObject("SpecialToken").put("id", WordVocabulary.BEGIN).put("type_id", 0);
    }

    private static void addSequence(ArrayNode template, String id) {
        template.addObject().putObject("Sequence").put("id", id).put("type_id", 0);
    }

    private static ObjectNode config(int maxLength) {
        ObjectNode config = DurableFiles.json().createObjectNode();
        config.put("tokenizer_class", "PreTrainedTokenizerFast");
        config.put("bos_token", WordVocabulary.BEGIN);
        config.put("eos_token", WordVocabulary.END);
        config.put("unk_token", WordVocabulary.UNKNOWN);
        config.put("add_bos_token", true);
        config.put("add_eos_token", false);
        config.put("clean_up_tokenization_spaces", true);
        config.put("model_max_length", maxLength);
        return config;
    }
}
