package dev.presso.host.internal.tokenizer;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.presso.kernel.model.Tokenizer;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link Tokenizer} over DJL's binding of the Rust {@code tokenizers} library: encodings are
 * exactly those of Hugging Face's {@code tokenizer.json}, without truncation or padding.
 * Thread-safe, as the native tokenizer is.
 */
final class DjlTokenizer implements Tokenizer {
    private final HuggingFaceTokenizer tokenizer;
    private final int vocabularySize;
    private final SpecialTokens special;

    DjlTokenizer(HuggingFaceTokenizer tokenizer, int vocabularySize, SpecialTokens special) {
        this.tokenizer = tokenizer;
        this.vocabularySize = vocabularySize;
        this.special = special;
    }

    @Override
    public int[] encode(String text, boolean addSpecialTokens) {
        long[] ids = tokenizer.encode(text, addSpecialTokens, false).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids, boolean skipSpecialTokens) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabularySize) {
                throw new IllegalArgumentException("id " + ids[i] + " at position " + i
                        + " is outside the vocabulary [0, " + vocabularySize + ")");
            }
            wide[i] = ids[i];
        }
        return tokenizer.decode(wide, skipSpecialTokens);
    }

    @Override
    public int vocabularySize() {
        return vocabularySize;
    }

    @Override
    public OptionalInt bosId() {
        return special.bos();
    }

    @Override
    public List<Integer> eosIds() {
        return special.eos();
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "DjlTokenizer[vocabulary " + vocabularySize + ", bos " + special.bos() + ", eos " + special.eos() + "]";
    }
}
