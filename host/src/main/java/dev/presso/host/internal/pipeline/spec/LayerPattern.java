package dev.presso.host.internal.pipeline.spec;

import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A pattern over linear-site names such as {@code model.layers.3.mlp.down_proj}: a glob or, with
 * the prefix {@code re:}, a Java regular expression that must match the whole name.
 *
 * <p>In a glob, {@code *} matches within one dot-separated part, {@code **} across parts,
 * {@code ?} one character other than a dot, {@code [abc]} and {@code [0-3]} one character of a
 * class ({@code [!abc]} one not in it), {@code {a,b}} one of the alternatives; every other
 * character matches itself.
 *
 * @param text the pattern as written
 * @param where where it was written
 */
public record LayerPattern(String text, Location where) {
    /** The prefix of regular-expression patterns. */
    public static final String REGEX_PREFIX = "re:";

    /**
     * Tells whether a site name matches.
     *
     * @param siteName the dotted site name
     * @return whether it matches
     * @throws PatternSyntaxException if the pattern is malformed; see {@link #syntaxError}
     */
    public boolean matches(String siteName) {
        return compile(text).matcher(siteName).matches();
    }

    /**
     * Tells whether the pattern is a plain name, with no wildcard.
     *
     * @return {@code true} for a glob without special characters
     */
    public boolean isLiteral() {
        return !text.startsWith(REGEX_PREFIX) && text.chars().noneMatch(c -> "*?[]{}".indexOf(c) >= 0);
    }

    /**
     * Checks a pattern's syntax.
     *
     * @param text the pattern as written
     * @return what is wrong, or empty when it compiles
     */
    public static Optional<String> syntaxError(String text) {
        try {
            compile(text);
            return Optional.empty();
        } catch (PatternSyntaxException e) {
            return Optional.of(e.getDescription() + (e.getIndex() >= 0 ? " near index " + e.getIndex() : ""));
        }
    }

    /**
     * Tells whether a glob matches a name, for patterns the host writes itself.
     *
     * @param glob the glob
     * @param siteName the name
     * @return whether it matches
     */
    static boolean matchesGlob(String glob, String siteName) {
        return compile(glob).matcher(siteName).matches();
    }

    private static Pattern compile(String text) {
        return text.startsWith(REGEX_PREFIX) ? Pattern.compile(text.substring(REGEX_PREFIX.length()))
                : Pattern.compile(globToRegex(text));
    }

    private static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    boolean across = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                    regex.append(across ? ".*" : "[^.]*");
                    i += across ? 1 : 0;
                }
                case '?' -> regex.append("[^.]");
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        throw new PatternSyntaxException("unclosed character class", glob, i);
                    }
                    String members = glob.substring(i + 1, end);
                    String negated = members.startsWith("!") ? "^" + members.substring(1) : members;
                    regex.append('[').append(negated).append(']');
                    i = end;
                }
                case ']' -> throw new PatternSyntaxException("']' without '['", glob, i);
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces == 0) {
                        throw new PatternSyntaxException("'}' without '{'", glob, i);
                    }
                    braces--;
                    regex.append(')');
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braces > 0) {
            throw new PatternSyntaxException("unclosed '{'", glob, glob.length());
        }
        return regex.toString();
    }
}
