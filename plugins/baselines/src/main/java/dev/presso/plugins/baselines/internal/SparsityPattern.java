package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which weights magnitude pruning may remove together, with the payload format of the survivors.
 */
sealed interface SparsityPattern permits UnstructuredSparsity, LayerSparsity, SemiStructuredSparsity {
    /** The text of the unstructured pattern. */
    String UNSTRUCTURED = "unstructured";
    /** The text of the unstructured pattern with one threshold per layer and an exact zero count. */
    String LAYER = "layer";

    /**
     * Parses a pattern: {@code unstructured}, {@code layer} or {@code N:M} with
     * {@code 1 <= N < M <= 256}.
     *
     * @param text the text
     * @return the pattern, or empty when the text is neither
     */
    static Optional<SparsityPattern> parse(String text) {
        if (text.equals(UNSTRUCTURED)) {
            return Optional.of(new UnstructuredSparsity());
        }
        if (text.equals(LAYER)) {
            return Optional.of(new LayerSparsity());
        }
        Matcher m = Pattern.compile("(\\d{1,3}):(\\d{1,3})").matcher(text);
        if (m.matches()) {
            int kept = Integer.parseInt(m.group(1));
            int group = Integer.parseInt(m.group(2));
            if (kept >= 1 && kept < group && group <= SemiStructuredSparsity.MAX_GROUP) {
                return Optional.of(new SemiStructuredSparsity(kept, group));
            }
        }
        return Optional.empty();
    }

    /** Returns the pattern as settings and payloads write it. @return the text */
    String text();

    /** Returns the levels the pattern offers, least compressed first. @return the levels */
    List<Level> levels();

    /**
     * Returns whether the pattern can prune at a level: by default the levels it lists.
     *
     * @param level a level
     * @return whether {@link #cost} and {@link #encode} accept it
     */
    default boolean offers(Level level) {
        return levels().contains(level);
    }

    /**
     * Returns the exact payload size of a layer at a level.
     *
     * @param method the method's id, for messages
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param level one of {@link #levels()}
     * @return the bits
     */
    long cost(String method, long outFeatures, long inFeatures, Level level);

    /**
     * Prunes a weight into a payload (tensors only; the caller adds the attributes).
     *
     * @param tensors the front end
     * @param weight the F32 weight {@code [out, in]}
     * @param level one of {@link #levels()}
     * @return the payload
     */
    OperatorPayload encode(Tensors tensors, Tensor weight, Level level);

    /**
     * Decodes a payload of this pattern into the pruned dense weight.
     *
     * @param tensors the front end
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param payload the payload
     * @return the F32 weight {@code [out, in]}
     */
    Tensor decode(Tensors tensors, long outFeatures, long inFeatures, PayloadReader payload);
}
