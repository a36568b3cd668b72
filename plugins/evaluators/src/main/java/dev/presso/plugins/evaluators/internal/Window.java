package dev.presso.plugins.evaluators.internal;

/**
 * A stretch of one sequence that the model reads from a fresh context, and which of its tokens are
 * scored: tokens {@code firstTarget .. length - 1}, each predicted from the model's output at the
 * position before it. Internal; the array is never modified.
 *
 * @param tokens the ids the model reads, at least two
 * @param firstTarget the first scored position, in {@code [1, tokens.length)}
 */
public record Window(int[] tokens, int firstTarget) {
    /** Checks the target range. */
    public Window {
        if (tokens.length < 2 || firstTarget < 1 || firstTarget >= tokens.length) {
            throw new IllegalArgumentException("a window of " + tokens.length + " tokens cannot score from position "
                    + firstTarget);
        }
    }

    /** Returns the number of ids. @return the length */
    public int length() {
        return tokens.length;
    }

    /** Returns the number of scored tokens. @return {@code length - firstTarget} */
    public int targets() {
        return tokens.length - firstTarget;
    }
}
