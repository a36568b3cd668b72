package dev.presso.host.internal.data;

import dev.presso.kernel.model.Tokenizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a UTF-8 text file into documents and tokenizes each one.
 *
 * <p>Documents are separated by lines that consist of the separator alone (by default
 * {@code <|endoftext|>}, as in the TinyStories and many other corpus dumps); each document is
 * stripped of leading and trailing white space, and empty ones are dropped. A file without a
 * separator line is one document.
 */
final class TextDocuments {
    /** The separator line of TinyStories and of GPT-2 era corpora. */
    static final String DEFAULT_SEPARATOR = "<|endoftext|>";

    private TextDocuments() {}

    /**
     * Splits text into documents.
     *
     * @param text the whole file
     * @param separator the separator line's content
     * @return the non-empty documents, stripped, in order
     */
    static List<String> split(String text, String separator) {
        List<String> documents = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String content = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            if (content.equals(separator)) {
                add(documents, current);
                current.setLength(0);
            } else {
                current.append(line).append('\n');
            }
        }
        add(documents, current);
        return documents;
    }

    private static void add(List<String> documents, StringBuilder text) {
        String document = text.toString().strip();
        if (!document.isEmpty()) {
            documents.add(document);
        }
    }

    /**
     * Reads, splits and tokenizes a file.
     *
     * @param file the UTF-8 file
     * @param separator the separator line's content
     * @param tokenizer the model's tokenizer
     * @param addSpecialTokens whether each document gets the tokenizer's special tokens (such as BOS)
     * @return one id sequence per document
     * @throws DataFormatException if the file is missing, unreadable or not UTF-8
     */
    static List<int[]> read(Path file, String separator, Tokenizer tokenizer, boolean addSpecialTokens) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": file not found", e);
        } catch (CharacterCodingException e) {
            throw new DataFormatException(file + ": not UTF-8 text (" + e.getMessage() + "); expected a UTF-8 file", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
        List<int[]> sequences = new ArrayList<>();
        for (String document : split(text, separator)) {
            sequences.add(tokenizer.encode(document, addSpecialTokens));
        }
        return sequences;
    }
}
