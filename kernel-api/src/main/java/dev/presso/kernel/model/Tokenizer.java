package dev.presso.kernel.model;

import java.util.List;
import java.util.OptionalInt;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Turns text into a model's token ids and back, as the model's own tokenizer does.
 *
 * <p>The host provides it, loaded from a model directory. Implementations are thread-safe. Ids are
 * in {@code [0, vocabularySize())}.
 *
 * <pre>{@code
 * int[] ids = tokenizer.encode("Once upon a time", true);   // [1, 403, 407, 261, 378]
 * String text = tokenizer.decode(ids, true);                // "Once upon a time"
 * }</pre>
 *
 * @since 1.0
 */
@ProviderType
public interface Tokenizer extends AutoCloseable {
    /**
     * Encodes text.
     *
     * @param text the text, possibly empty
     * @param addSpecialTokens whether to add the special tokens the tokenizer's template adds
     *     around a sequence, such as a leading beginning-of-sequence id
     * @return the ids, a new array owned by the caller
     */
    int[] encode(String text, boolean addSpecialTokens);

    /**
     * Decodes ids into text.
     *
     * @param ids the ids, each in {@code [0, vocabularySize())}
     * @param skipSpecialTokens whether special tokens such as {@code <s>} are left out of the text
     * @return the text
     */
    String decode(int[] ids, boolean skipSpecialTokens);

    /**
     * Returns the number of ids, added tokens included.
     *
     * @return the vocabulary size
     */
    int vocabularySize();

    /**
     * Returns the beginning-of-sequence id the model's configuration names.
     *
     * @return the id, empty when the tokenizer has none
     */
    OptionalInt bosId();

    /**
     * Returns the ids that end a generation, as the model's configuration names them.
     *
     * @return the ids, possibly none
     */
    List<Integer> eosIds();

    /** Releases the tokenizer's native resources; idempotent. */
    @Override
    void close();
}
