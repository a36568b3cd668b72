package dev.presso.kernel.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The {@link EvaluationData} of {@link EvaluationData#of}: private copies of the sequences. */
record CopiedSequences(String source, List<int[]> sequences) implements EvaluationData {
    static CopiedSequences copy(String source, List<int[]> sequences) {
        Objects.requireNonNull(source, "source must not be null");
        List<int[]> copies = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            int[] ids = sequences.get(i).clone();
            for (int j = 0; j < ids.length; j++) {
                if (ids[j] < 0) {
                    throw new IllegalArgumentException(source + ": sequence " + i + " has id " + ids[j]
                            + " at position " + j + "; expected ids >= 0");
                }
            }
            copies.add(ids);
        }
        return new CopiedSequences(source, List.copyOf(copies));
    }

    @Override
    public int sequenceCount() {
        return sequences.size();
    }

    @Override
    public int length(int index) {
        return sequences.get(index).length;
    }

    @Override
    public int[] sequence(int index) {
        return sequences.get(index).clone();
    }

    @Override
    public String toString() {
        return "EvaluationData[" + source + ", " + sequences.size() + " sequences]";
    }
}
