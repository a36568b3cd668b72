package dev.presso.plugins.evaluators.internal;

import java.util.List;

/**
 * Windows padded on the right to one width, row-major, for one teacher-forced pass. Causal
 * attention means padding after a window changes none of its outputs; the padding id is 0.
 *
 * @param windows the rows
 * @param width the longest window's length
 */
public record Batch(List<Window> windows, int width) {
    /** Copies the list. */
    public Batch {
        windows = List.copyOf(windows);
    }

    /** Returns the number of rows. @return the batch size */
    public int size() {
        return windows.size();
    }

    /** Returns the padded ids. @return {@code [size * width]}, row-major */
    public int[] paddedTokens() {
        int[] flat = new int[size() * width];
        for (int b = 0; b < size(); b++) {
            int[] tokens = windows.get(b).tokens();
            System.arraycopy(tokens, 0, flat, b * width, tokens.length);
        }
        return flat;
    }

    /**
     * Returns the flat positions {@code b * width + p} of every output that predicts a scored token,
     * window by window.
     *
     * @return the positions, one per scored token
     */
    public int[] scoredPositions() {
        int[] positions = new int[targets()];
        int k = 0;
        for (int b = 0; b < size(); b++) {
            Window w = windows.get(b);
            for (int t = w.firstTarget(); t < w.length(); t++) {
                positions[k++] = b * width + t - 1;
            }
        }
        return positions;
    }

    /**
     * Returns the scored tokens, in the order of {@link #scoredPositions()}.
     *
     * @return the target ids
     */
    public int[] targetTokens() {
        int[] targets = new int[targets()];
        int k = 0;
        for (Window w : windows) {
            for (int t = w.firstTarget(); t < w.length(); t++) {
                targets[k++] = w.tokens()[t];
            }
        }
        return targets;
    }

    /** Returns whether each row position holds a real token rather than padding. @return {@code [size * width]} */
    public boolean[] realPositions() {
        boolean[] real = new boolean[size() * width];
        for (int b = 0; b < size(); b++) {
            java.util.Arrays.fill(real, b * width, b * width + windows.get(b).length(), true);
        }
        return real;
    }

    /** Returns the number of scored tokens. @return the count */
    public int targets() {
        return windows.stream().mapToInt(Window::targets).sum();
    }

    /**
     * Groups windows into batches of at most {@code maxTokens} padded ids (one window at least),
     * longest first so that windows of similar length share a batch.
     *
     * @param windows the windows
     * @param maxTokens the most ids per batch, padding included
     * @return the batches
     */
    public static List<Batch> group(List<Window> windows, long maxTokens) {
        List<Window> sorted = windows.stream()
                .sorted((a, b) -> Integer.compare(b.length(), a.length()))
                .toList();
        List<Batch> batches = new java.util.ArrayList<>();
        int start = 0;
        while (start < sorted.size()) {
            int width = sorted.get(start).length();
            int rows = (int) Math.max(1, Math.min(sorted.size() - start, maxTokens / width));
            batches.add(new Batch(sorted.subList(start, start + rows), width));
            start += rows;
        }
        return batches;
    }
}
