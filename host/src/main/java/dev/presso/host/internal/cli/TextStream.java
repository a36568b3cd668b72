package dev.presso.host.internal.cli;

import dev.presso.kernel.model.Tokenizer;
import java.util.Arrays;

/**
 * Turns ids into text as they arrive. Decoding is not per token (byte-fallback pieces form one
 * character together, and decoders strip or merge spaces), so each step decodes all ids and emits
 * what extends the text emitted so far; text ending in an incomplete character (U+FFFD) waits for
 * the next id.
 */
final class TextStream {
    private final Tokenizer tokenizer;
    private int[] ids;
    private int count;
    private String emitted = "";

    TextStream(Tokenizer tokenizer, int[] prompt) {
        this.tokenizer = tokenizer;
        this.ids = Arrays.copyOf(prompt, Math.max(16, prompt.length * 2));
        this.count = prompt.length;
    }

    /** Returns the prompt's text, which is emitted first. @return the decoded prompt */
    String start() {
        return advance();
    }

    /**
     * Adds an id.
     *
     * @param id the generated id
     * @return the new text, possibly empty
     */
    String add(int id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        return advance();
    }

    private String advance() {
        String text = tokenizer.decode(Arrays.copyOf(ids, count), true);
        if (text.endsWith("\uFFFD")) {
            return "";
        }
        // A decoder may rewrite earlier text (rare); what was printed stays, and printing goes on after it.
        String added = text.substring(Math.min(emitted.length(), text.length()));
        emitted = text;
        return added;
    }
}
