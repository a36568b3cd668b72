package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.evaluation.EvaluationData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How sequences become {@link Window}s, so that every scored token is predicted exactly once.
 */
public enum Protocol {
    /**
     * Each sequence from a fresh context, truncated to its first {@code maxLength} ids (0: whole);
     * ids {@code 1 .. n-1} are scored. This is {@code dense_text_ppl} of the reference data.
     */
    DOCUMENT,
    /**
     * Each sequence in windows of {@code maxLength} ids starting every {@code stride} ids, as
     * Hugging Face's perplexity guide does: a window scores only the ids that no earlier window
     * scored, with the window's earlier ids as context, so every id after the first is scored once
     * and with at least {@code maxLength - stride} ids of context (past the first window). The stride
     * is below {@code maxLength}: with equal ones the first id of each window would have no context
     * and go unscored. A sequence no longer than {@code maxLength} is one window, as in DOCUMENT.
     */
    SLIDING;

    /**
     * Cuts sequences into windows.
     *
     * @param data the sequences
     * @param maxLength the longest window, 0 for whole sequences (DOCUMENT only)
     * @param stride the distance between window starts (SLIDING), in {@code [1, maxLength)}
     * @param vocabularySize the model's vocabulary, which every id must lie in
     * @return the windows; sequences shorter than two ids give none
     * @throws PressoException if an id is outside the vocabulary or the lengths are inconsistent
     */
    public List<Window> windows(EvaluationData data, int maxLength, int stride, int vocabularySize) {
        if (this == SLIDING && (maxLength < 2 || stride < 1 || stride >= maxLength)) {
            throw new PressoException("the sliding protocol needs max-length >= 2 and 1 <= stride < max-length, got"
                    + " max-length " + maxLength + " and stride " + stride);
        }
        if (maxLength == 1) {
            throw new PressoException("max-length 1 leaves nothing to predict; expected 0 (whole sequences) or >= 2");
        }
        List<Window> windows = new ArrayList<>();
        for (int s = 0; s < data.sequenceCount(); s++) {
            int[] ids = data.sequence(s);
            checkIds(data, s, ids, vocabularySize);
            if (this == DOCUMENT) {
                int length = maxLength == 0 ? ids.length : Math.min(ids.length, maxLength);
                if (length >= 2) {
                    windows.add(new Window(Arrays.copyOf(ids, length), 1));
                }
            } else {
                slide(ids, maxLength, stride, windows);
            }
        }
        return windows;
    }

    private static void slide(int[] ids, int maxLength, int stride, List<Window> windows) {
        int scoredUpTo = 1;
        for (int begin = 0; begin < ids.length; begin += stride) {
            int end = Math.min(begin + maxLength, ids.length);
            if (end - begin >= 2 && end > scoredUpTo) {
                int first = Math.max(scoredUpTo, begin + 1);
                windows.add(new Window(Arrays.copyOfRange(ids, begin, end), first - begin));
                scoredUpTo = end;
            }
            if (end == ids.length) {
                return;
            }
        }
    }

    private static void checkIds(EvaluationData data, int sequence, int[] ids, int vocabularySize) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabularySize) {
                throw new PressoException(data.source() + ": sequence " + sequence + " has id " + ids[i]
                        + " at position " + i + ", outside the model's vocabulary [0, " + vocabularySize + ")");
            }
        }
    }
}
