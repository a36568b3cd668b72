package dev.presso.kernel.evaluation;

import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Token sequences to evaluate a model on, such as one list of ids per document; sequences may
 * differ in length. Immutable.
 *
 * <pre>{@code
 * EvaluationData data = EvaluationData.of("stories", List.of(new int[] {1, 403, 407}, new int[] {1, 9}));
 * }</pre>
 *
 * @since 1.0
 */
@ProviderType
public interface EvaluationData {
    /**
     * Returns where the data comes from, for reports, such as a file name.
     *
     * @return the source
     */
    String source();

    /**
     * Returns the number of sequences.
     *
     * @return the count, at least 0
     */
    int sequenceCount();

    /**
     * Returns the length of one sequence.
     *
     * @param index the sequence, in {@code [0, sequenceCount())}
     * @return the number of ids
     */
    int length(int index);

    /**
     * Returns one sequence.
     *
     * @param index the sequence, in {@code [0, sequenceCount())}
     * @return its ids, a new array owned by the caller
     */
    int[] sequence(int index);

    /**
     * Returns the number of ids in all sequences.
     *
     * @return the total length
     */
    default long tokenCount() {
        long total = 0;
        for (int i = 0; i < sequenceCount(); i++) {
            total += length(i);
        }
        return total;
    }

    /**
     * Creates data from sequences, copying them.
     *
     * @param source where the data comes from
     * @param sequences the sequences; ids must be at least 0
     * @return the data
     * @throws IllegalArgumentException if an id is negative
     */
    static EvaluationData of(String source, List<int[]> sequences) {
        return CopiedSequences.copy(source, sequences);
    }
}
