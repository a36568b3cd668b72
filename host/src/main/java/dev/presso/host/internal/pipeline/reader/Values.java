package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.ProblemCode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Converts YAML nodes to the types the format uses, recording a {@link ProblemCode#WRONG_TYPE}
 * or {@link ProblemCode#INVALID_VALUE} problem at the node when it does not fit.
 */
final class Values {
    /** How YAML writes true; the parser has already classified the scalar as a boolean. */
    private static final Set<String> TRUE = Set.of("true", "yes", "on", "y");
    /** What a key of the format looks like, as opposed to a description of a list entry. */
    private static final Pattern KEY = Pattern.compile("[a-z0-9_-]+");

    private Values() {}

    /**
     * Reads text: any scalar but an empty one; numbers as written, booleans as {@code true} or
     * {@code false} (YAML also reads {@code yes}, {@code on} and {@code y} as true).
     *
     * @param node the value
     * @param what the key or role, for messages
     * @param problems where problems go
     * @return the text, empty on a problem
     */
    static Optional<String> text(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.type() != YamlNode.ScalarType.NULL && !s.text().isBlank()) {
            return Optional.of(s.type() == YamlNode.ScalarType.BOOLEAN
                    ? String.valueOf(TRUE.contains(s.text().toLowerCase(Locale.ROOT))) : s.text());
        }
        return wrong(node, what, "text", node instanceof YamlNode.Scalar ? "" : "write one value, not "
                + node.describe(), problems);
    }

    /**
     * Reads a whole number at least {@code min}.
     *
     * @param node the value
     * @param what the key, for messages
     * @param min the smallest allowed value
     * @param problems where problems go
     * @return the number, empty on a problem
     */
    static Optional<Long> integer(YamlNode node, String what, long min, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.INTEGER) {
            Optional<Long> value = parseLong(s.text());
            if (value.isEmpty()) {
                problems.add(ProblemCode.INVALID_VALUE, node.where(), "'" + what + "' is " + s.text()
                        + ", which is not a 64-bit integer", "write a smaller number");
                return Optional.empty();
            }
            if (value.get() < min) {
                problems.add(ProblemCode.INVALID_VALUE, node.where(), "'" + what + "' is " + s.text()
                        + ", expected a whole number >= " + min, "");
                return Optional.empty();
            }
            return value;
        }
        return wrong(node, what, "a whole number", "", problems);
    }

    /**
     * Reads an integer that fits an {@code int}.
     *
     * @param node the value
     * @param what the key, for messages
     * @param min the smallest allowed value
     * @param problems where problems go
     * @return the number, empty on a problem
     */
    static Optional<Integer> smallInteger(YamlNode node, String what, int min, Problems problems) {
        Optional<Long> value = integer(node, what, min, problems);
        if (value.isPresent() && value.get() > Integer.MAX_VALUE) {
            problems.add(ProblemCode.INVALID_VALUE, node.where(), "'" + what + "' is " + value.get()
                    + ", expected at most " + Integer.MAX_VALUE, "");
            return Optional.empty();
        }
        return value.map(Long::intValue);
    }

    /**
     * Reads a number, whole or not.
     *
     * @param node the value
     * @param what the key, for messages
     * @param problems where problems go
     * @return the number, empty on a problem
     */
    static Optional<Double> number(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Scalar s
                && (s.type() == YamlNode.ScalarType.INTEGER || s.type() == YamlNode.ScalarType.FLOAT)) {
            try {
                return Optional.of(Double.parseDouble(s.text().replace("_", "")));
            } catch (NumberFormatException e) {
                return parseLong(s.text()).map(Long::doubleValue);
            }
        }
        return wrong(node, what, "a number", "such as 4 or 3.5", problems);
    }

    /**
     * Reads {@code true} or {@code false}.
     *
     * @param node the value
     * @param what the key, for messages
     * @param problems where problems go
     * @return the boolean, empty on a problem
     */
    static Optional<Boolean> bool(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.BOOLEAN) {
            return Optional.of(TRUE.contains(s.text().toLowerCase(Locale.ROOT)));
        }
        return wrong(node, what, "true or false", "", problems);
    }

    /**
     * Reads a mapping; an empty value counts as an empty mapping.
     *
     * @param node the value
     * @param what the key, for messages
     * @param problems where problems go
     * @return the mapping, empty on a problem
     */
    static Optional<YamlNode.Mapping> mapping(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Mapping m) {
            return Optional.of(m);
        }
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.NULL) {
            return Optional.of(new YamlNode.Mapping(List.of(), node.where()));
        }
        return wrong(node, what, "a mapping of keys to values", "write '" + what + ": {key: value}' or indented"
                + " 'key: value' lines", problems);
    }

    /**
     * Reads a list; an empty value counts as an empty list.
     *
     * @param node the value
     * @param what the key, for messages
     * @param problems where problems go
     * @return the items, empty on a problem
     */
    static Optional<List<YamlNode>> list(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Sequence s) {
            return Optional.of(s.items());
        }
        if (node instanceof YamlNode.Scalar s && s.type() == YamlNode.ScalarType.NULL) {
            return Optional.of(List.of());
        }
        return wrong(node, what, "a list", "write '" + what + ": [a, b]' or one '- item' line per entry",
                problems);
    }

    /**
     * Reads one text or a list of texts.
     *
     * @param node the value
     * @param what the key, for messages
     * @param problems where problems go
     * @return the texts with their nodes, empty on a problem
     */
    static Optional<List<YamlNode.Scalar>> texts(YamlNode node, String what, Problems problems) {
        if (node instanceof YamlNode.Scalar s && s.type() != YamlNode.ScalarType.NULL) {
            return Optional.of(List.of(s));
        }
        Optional<List<YamlNode>> items = list(node, what, problems);
        if (items.isEmpty()) {
            return Optional.empty();
        }
        int mark = problems.mark();
        List<YamlNode.Scalar> texts = items.get().stream()
                .filter(item -> text(item, "an entry of '" + what + "'", problems).isPresent())
                .map(YamlNode.Scalar.class::cast)
                .toList();
        return problems.blockingSince(mark) ? Optional.empty() : Optional.of(texts);
    }

    private static Optional<Long> parseLong(String text) {
        String t = text.replace("_", "");
        try {
            return Optional.of(t.startsWith("0x") ? Long.parseLong(t.substring(2), 16) : Long.parseLong(t));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Records a value of the wrong type.
     *
     * @param what a key (quoted in the message, and the hint applies) or a description such as
     *     {@code an override} (the hint is dropped, as it shows how to write a key)
     */
    private static <T> Optional<T> wrong(YamlNode node, String what, String expected, String hint,
            Problems problems) {
        boolean key = KEY.matcher(what).matches();
        problems.add(ProblemCode.WRONG_TYPE, node.where(), (key ? "'" + what + "'" : what) + " must be " + expected
                + ", got " + node.describe(), key ? hint : "");
        return Optional.empty();
    }
}
