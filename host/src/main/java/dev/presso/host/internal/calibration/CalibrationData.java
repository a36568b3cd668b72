package dev.presso.host.internal.calibration;

import dev.presso.kernel.tensor.TensorException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Calibration token sequences and how many of them run together in one forward pass.
 *
 * <p>Sequences may differ in length (methods.md §1.1 keeps a document's remainder as a shorter
 * sequence); consecutive sequences of equal length share a batch, so token accounting is always
 * in tokens, never in sequences.
 */
public final class CalibrationData {
    private final List<int[]> sequences;
    private final int batchSize;

    /**
     * Copies the sequences.
     *
     * @param sequences the token ids of each sequence, at least one, none empty
     * @param batchSize the most sequences per forward pass, at least 1
     */
    public CalibrationData(List<int[]> sequences, int batchSize) {
        if (sequences.isEmpty() || batchSize < 1) {
            throw new TensorException("calibration", "expected at least one sequence and a batch size >= 1, got "
                    + sequences.size() + " sequences and batch size " + batchSize);
        }
        List<int[]> copies = new ArrayList<>(sequences.size());
        for (int i = 0; i < sequences.size(); i++) {
            int[] sequence = sequences.get(i);
            if (sequence.length == 0) {
                throw new TensorException("calibration", "sequence " + i + " is empty; expected at least one token");
            }
            copies.add(sequence.clone());
        }
        this.sequences = List.copyOf(copies);
        this.batchSize = batchSize;
    }

    /** Returns the number of tokens, which is the row count of every linear layer. @return the tokens */
    public long tokenCount() {
        return sequences.stream().mapToLong(sequence -> sequence.length).sum();
    }

    /**
     * Groups the sequences into batches: consecutive sequences of equal length, at most the batch
     * size of them.
     *
     * @return each batch as its rows, in order
     */
    public List<int[][]> batches() {
        List<int[][]> batches = new ArrayList<>();
        int start = 0;
        while (start < sequences.size()) {
            int length = sequences.get(start).length;
            int end = start + 1;
            while (end < sequences.size() && end - start < batchSize && sequences.get(end).length == length) {
                end++;
            }
            batches.add(sequences.subList(start, end).stream().map(int[]::clone).toArray(int[][]::new));
            start = end;
        }
        return batches;
    }

    /**
     * Flattens one batch row-major, for a {@code [B, T]} tensor.
     *
     * @param batch rows of equal length
     * @return the ids
     */
    static int[] flatten(int[][] batch) {
        return Arrays.stream(batch).flatMapToInt(Arrays::stream).toArray();
    }

    @Override
    public String toString() {
        return "CalibrationData[" + sequences.size() + " sequences, " + tokenCount() + " tokens, batch size "
                + batchSize + "]";
    }
}
