package dev.presso.host.internal.pipeline.reader;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** Suggests the closest known word for a misspelled one, by edit distance. */
public final class DidYouMean {
    private DidYouMean() {}

    /**
     * Finds the candidate closest to a word, if it is close enough to be a likely misspelling:
     * within a third of the word's length in edits, and at least within 2.
     *
     * @param word what was written
     * @param candidates the known words
     * @return the closest candidate, ties broken by the candidates' order
     */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String written = word.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, word.length() / 3);
        return candidates.stream()
                .filter(c -> !c.equals(word))
                .map(c -> new Scored(c, distance(written, c.toLowerCase(Locale.ROOT))))
                .filter(s -> s.distance() <= limit)
                .min(Comparator.comparingInt(Scored::distance))
                .map(Scored::candidate);
    }

    /** A candidate and its distance to the written word. */
    private record Scored(String candidate, int distance) {}

    /**
     * Formats a suggestion for a hint.
     *
     * @param word what was written
     * @param candidates the known words
     * @return {@code did you mean 'x'? } or empty text
     */
    public static String hint(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> "did you mean '" + c + "'? ").orElse("");
    }

    /**
     * Returns the Damerau-Levenshtein distance (optimal string alignment): insertions, deletions,
     * substitutions and swaps of neighbours each cost 1.
     *
     * @param a one word
     * @param b another
     * @return the number of edits
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
