package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Map;

/**
 * Magnitude pruning: removes the weights of smallest absolute value within each unit of a
 * {@link SparsityPattern}; needs no calibration. The payload's {@code pattern} attribute says how
 * to decode it, so a payload restores whatever pattern this method was configured with.
 */
public final class MagnitudeMethod extends BaselineMethod {
    /** The method's id. */
    public static final String ID = "magnitude";
    /** The payload attribute naming the pattern. */
    static final String PATTERN = "pattern";

    private static final SparsityPattern LAYER = new LayerSparsity();

    private final SparsityPattern pattern;

    /**
     * Creates the method.
     *
     * @param pattern {@code unstructured}, {@code layer} or {@code N:M}, already validated
     * @throws IllegalArgumentException if the pattern does not parse
     */
    public MagnitudeMethod(String pattern) {
        this(SparsityPattern.parse(pattern).orElseThrow(
                () -> new IllegalArgumentException("not a sparsity pattern: " + pattern)));
    }

    private MagnitudeMethod(SparsityPattern pattern) {
        super(ID, pattern.levels());
        this.pattern = pattern;
    }

    /**
     * Returns whether a text is a pattern this method knows.
     *
     * @param pattern the text
     * @return whether it parses
     */
    public static boolean isPattern(String pattern) {
        return SparsityPattern.parse(pattern).isPresent();
    }

    /**
     * Returns the pattern that prunes at a level: the configured one for its own levels; for any
     * other {@code sparsity-*} level of an unstructured configuration, the exact-count
     * {@link LayerSparsity} (one threshold per output row cannot give an exact layer total).
     */
    private SparsityPattern patternFor(Level level) {
        if (pattern.offers(level) || !(pattern instanceof UnstructuredSparsity)) {
            return pattern;
        }
        return LAYER;
    }

    @Override
    protected boolean offers(Level level) {
        return patternFor(level).offers(level);
    }

    @Override
    protected long cost(long outFeatures, long inFeatures, Level level) {
        return patternFor(level).cost(ID, outFeatures, inFeatures, level);
    }

    @Override
    protected OperatorPayload encode(String site, Tensor weight, Level level, Calibration calibration,
            Tensors tensors) {
        SparsityPattern used = patternFor(level);
        OperatorPayload pruned = used.encode(tensors, weight, level);
        return new OperatorPayload(pruned.tensors(), Map.of(PATTERN, used.text(),
                "sparsity", Double.toString(level.value())));
    }

    @Override
    protected ComputeForm decode(long outFeatures, long inFeatures, PayloadReader payload, Tensors tensors) {
        String text = payload.attribute(PATTERN);
        SparsityPattern stored = SparsityPattern.parse(text).orElseThrow(() -> payload.malformed(PATTERN, text,
                SparsityPattern.UNSTRUCTURED + ", " + SparsityPattern.LAYER + " or N:M with 1 <= N < M <= " + SemiStructuredSparsity.MAX_GROUP));
        return new ComputeForm.Dense(stored.decode(tensors, outFeatures, inFeatures, payload));
    }
}
