package dev.presso.host.internal.embedded;

import dev.presso.kernel.model.Tokenizer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Training text as one stream of token ids: every story as {@code <s>}, its words, {@code </s>},
 * back to back. Batches are windows that start at a story's {@code <s>}, so the model learns to
 * begin a story from a fresh context, as held-out evaluation presents it; a window that runs past
 * the end wraps around to the first story.
 */
final class TokenStream {
    private final int[] tokens;
    private final int[] storyStarts;

    private TokenStream(int[] tokens, int[] storyStarts) {
        this.tokens = tokens;
        this.storyStarts = storyStarts;
    }

    /**
     * Tokenizes stories.
     *
     * @param stories the stories
     * @param tokenizer the model's tokenizer, which puts {@code <s>} first
     * @return the stream
     * @throws IllegalStateException if a story has a word the tokenizer does not know
     */
    static TokenStream of(List<String> stories, Tokenizer tokenizer) {
        int[] starts = new int[stories.size()];
        int[] tokens = new int[1024];
        int length = 0;
        for (int s = 0; s < stories.size(); s++) {
            int[] ids = Documents.encode(tokenizer, stories.get(s));
            if (tokens.length < length + ids.length + 1) {
                tokens = Arrays.copyOf(tokens, Math.max(2 * tokens.length, length + ids.length + 1));
            }
            starts[s] = length;
            System.arraycopy(ids, 0, tokens, length, ids.length);
            length += ids.length;
            tokens[length++] = WordVocabulary.END_ID;
        }
        return new TokenStream(Arrays.copyOf(tokens, length), starts);
    }

    /** Returns the number of tokens. @return the stream's length */
    int length() {
        return tokens.length;
    }

    /**
     * Returns how often each id occurs, for the unigram baseline.
     *
     * @param vocabularySize the number of ids
     * @return the counts by id
     */
    long[] counts(int vocabularySize) {
        long[] counts = new long[vocabularySize];
        for (int id : tokens) {
            counts[id]++;
        }
        return counts;
    }

    /**
     * Draws a batch: each row a window of {@code length + 1} tokens from a random story's start.
     *
     * @param random the source of the story choices
     * @param rows the number of windows
     * @param length the input length; the targets are the inputs shifted by one
     * @return the batch
     */
    Batch batch(Random random, int rows, int length) {
        int[] inputs = new int[rows * length];
        int[] targets = new int[rows * length];
        for (int r = 0; r < rows; r++) {
            int start = storyStarts[random.nextInt(storyStarts.length)];
            for (int t = 0; t < length; t++) {
                inputs[r * length + t] = tokens[(start + t) % tokens.length];
                targets[r * length + t] = tokens[(start + t + 1) % tokens.length];
            }
        }
        return new Batch(rows, length, inputs, targets);
    }

    /**
     * Token windows and their next tokens.
     *
     * @param rows the number of windows
     * @param length the tokens per window
     * @param inputs the input ids {@code [rows, length]}, row-major
     * @param targets the next id of every input position, row-major
     */
    record Batch(int rows, int length, int[] inputs, int[] targets) {}
}
