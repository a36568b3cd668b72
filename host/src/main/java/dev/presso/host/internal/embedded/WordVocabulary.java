package dev.presso.host.internal.embedded;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pieces of a word-level tokenizer: the special tokens, then every word and punctuation run of
 * a corpus, the most frequent first (ties in string order), so ids are the same for the same text.
 * Words are split as Hugging Face's {@code Whitespace} pre-tokenizer splits ASCII text:
 * {@code \w+|[^\w\s]+}.
 */
final class WordVocabulary {
    /** The unknown token, id 0. */
    static final String UNKNOWN = "<unk>";
    /** The beginning-of-sequence token, id 1. */
    static final String BEGIN = "<s>";
    /** The end-of-sequence token, id 2. */
    static final String END = "</s>";
    /** The id of {@link #BEGIN}. */
    static final int BEGIN_ID = 1;
    /** The id of {@link #END}. */
    static final int END_ID = 2;
    /** The special tokens in id order. */
    static final List<String> SPECIALS = List.of(UNKNOWN, BEGIN, END);

    private static final Pattern PIECE = Pattern.compile("\\w+|[^\\w\\s]+");

    private final List<String> pieces;

    private WordVocabulary(List<String> pieces) {
        this.pieces = List.copyOf(pieces);
    }

    /**
     * Builds the vocabulary of some texts.
     *
     * @param texts the texts, each split into pieces
     * @return the specials followed by every distinct piece, most frequent first
     */
    static WordVocabulary of(List<String> texts) {
        Map<String, Integer> counts = new HashMap<>();
        for (String text : texts) {
            for (String piece : split(text)) {
                counts.merge(piece, 1, Integer::sum);
            }
        }
        SPECIALS.forEach(counts::remove);
        List<String> words = new ArrayList<>(counts.keySet());
        words.sort(Comparator.<String>comparingInt(counts::get).reversed().thenComparing(Comparator.naturalOrder()));
        List<String> pieces = new ArrayList<>(SPECIALS);
        pieces.addAll(words);
        return new WordVocabulary(pieces);
    }

    /**
     * Splits text into words and punctuation runs, dropping white space.
     *
     * @param text ASCII text
     * @return the pieces in order
     */
    static List<String> split(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher piece = PIECE.matcher(text);
        while (piece.find()) {
            pieces.add(piece.group());
        }
        return pieces;
    }

    /** Returns the pieces in id order. @return the pieces, specials first */
    List<String> pieces() {
        return pieces;
    }

    /** Returns the number of ids. @return the vocabulary size */
    int size() {
        return pieces.size();
    }
}
