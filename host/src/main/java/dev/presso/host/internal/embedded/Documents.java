package dev.presso.host.internal.embedded;

import dev.presso.kernel.model.Tokenizer;

/** Encodes generated stories, refusing any that the tokenizer does not fully know. */
final class Documents {
    private static final int UNKNOWN_ID = 0;

    private Documents() {}

    /**
     * Encodes one story with the tokenizer's special tokens.
     *
     * @param tokenizer the model's tokenizer
     * @param story the story
     * @return {@code <s>} and the story's ids
     * @throws IllegalStateException if a word is unknown, which means the vocabulary was not built
     *     from this text
     */
    static int[] encode(Tokenizer tokenizer, String story) {
        int[] ids = tokenizer.encode(story, true);
        for (int id : ids) {
            if (id == UNKNOWN_ID) {
                throw new IllegalStateException("the embedded tokenizer does not know every word of the story '"
                        + story + "'");
            }
        }
        return ids;
    }
}
