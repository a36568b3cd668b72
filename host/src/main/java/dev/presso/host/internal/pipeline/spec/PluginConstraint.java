package dev.presso.host.internal.pipeline.spec;

import io.vavr.control.Validation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which versions of a plugin a pipeline accepts, over {@link PluginVersion}s.
 *
 * <p>The forms, for a plugin at {@code major.minor.micro}:
 * <ul>
 *   <li>{@code *}: any version;
 *   <li>{@code ^1.2.3}: compatible, the same leftmost non-zero number ({@code >=1.2.3 <2.0.0};
 *       {@code ^0.1} is {@code >=0.1.0 <0.2.0}, {@code ^0.0.3} is {@code >=0.0.3 <0.0.4});
 *   <li>{@code ~1.2}: the same minor version ({@code >=1.2.0 <1.3.0}; {@code ~1} is {@code 1.x});
 *   <li>comparisons {@code >=1.0}, {@code >1.0}, {@code <=2}, {@code <2}, {@code =1.2.3},
 *       separated by spaces or commas, all of which must hold ({@code >=1.0 <2});
 *   <li>a bare version: exact with three numbers ({@code 1.2.3}), a prefix with fewer
 *       ({@code 1.2} and {@code 1.2.x} mean {@code >=1.2.0 <1.3.0});
 *   <li>an OSGi range {@code [1.0,2)}: brackets include the bound, parentheses exclude it.
 * </ul>
 *
 * @param text the constraint as written
 * @param bounds the comparisons that all must hold; none for any version
 */
public record PluginConstraint(String text, List<Bound> bounds) {
    /** Copies the list. */
    public PluginConstraint {
        bounds = List.copyOf(bounds);
    }

    /** A comparison operator. */
    public enum Operator {
        /** At least. */
        AT_LEAST(">="),
        /** Above. */
        ABOVE(">"),
        /** At most. */
        AT_MOST("<="),
        /** Below. */
        BELOW("<"),
        /** Exactly. */
        EQUAL("=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case AT_LEAST -> comparison >= 0;
                case ABOVE -> comparison > 0;
                case AT_MOST -> comparison <= 0;
                case BELOW -> comparison < 0;
                case EQUAL -> comparison == 0;
            };
        }
    }

    /**
     * One comparison a version must pass.
     *
     * @param operator how to compare
     * @param version what to compare with
     */
    public record Bound(Operator operator, PluginVersion version) {
        /** Formats the bound. @return such as {@code >=0.1.0} */
        @Override
        public String toString() {
            return operator.symbol + version;
        }
    }

    /**
     * Parses a constraint.
     *
     * @param text the constraint as written
     * @return the constraint, or what is wrong with the text
     */
    public static Validation<String, PluginConstraint> parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Validation.invalid("an empty version constraint");
        }
        if (t.equals("*")) {
            return Validation.valid(new PluginConstraint(text, List.of()));
        }
        if (t.startsWith("[") || t.startsWith("(")) {
            return range(t).map(b -> new PluginConstraint(text, b));
        }
        List<Bound> bounds = new ArrayList<>();
        for (String term : t.split("[\\s,]+")) {
            Optional<List<Bound>> parsed = term(term);
            if (parsed.isEmpty()) {
                return Validation.invalid("'" + term + "' is not a version, ^version, ~version or comparison"
                        + " such as >=1.0");
            }
            bounds.addAll(parsed.get());
        }
        return Validation.valid(new PluginConstraint(text, bounds));
    }

    /**
     * Tells whether a version satisfies the constraint.
     *
     * @param version a version as a plugin's manifest gives it
     * @return {@code false} also when the version cannot be parsed
     */
    public boolean allows(String version) {
        return PluginVersion.parse(version).map(this::allows).orElse(false);
    }

    /**
     * Tells whether a version satisfies the constraint.
     *
     * @param version the version
     * @return whether every bound holds
     */
    public boolean allows(PluginVersion version) {
        return bounds.stream().allMatch(b -> b.operator().holds(version.compareTo(b.version())));
    }

    /** Explains the constraint as comparisons. @return such as {@code >=0.1.0 <0.2.0}, or {@code any version} */
    public String describe() {
        return bounds.isEmpty() ? "any version" : bounds.stream().map(Bound::toString).collect(Collectors.joining(" "));
    }

    private static Optional<List<Bound>> term(String term) {
        for (Operator op : List.of(Operator.AT_LEAST, Operator.AT_MOST, Operator.ABOVE, Operator.BELOW,
                Operator.EQUAL)) {
            if (term.startsWith(op.symbol)) {
                return PluginVersion.parse(term.substring(op.symbol.length())).map(v -> List.of(new Bound(op, v)));
            }
        }
        if (term.startsWith("^")) {
            return versionAndParts(term.substring(1)).map(p -> between(p.version(), caretLimit(p)));
        }
        if (term.startsWith("~")) {
            return versionAndParts(term.substring(1)).map(p -> between(p.version(), next(p.version(),
                    Math.min(p.parts(), 2))));
        }
        return versionAndParts(term).map(p -> p.parts() == 3 ? List.of(new Bound(Operator.EQUAL, p.version()))
                : between(p.version(), next(p.version(), p.parts())));
    }

    /** A version and how many of its numbers were written; {@code 1.2.x} counts 2. */
    private record Written(PluginVersion version, int parts) {}

    private static Optional<Written> versionAndParts(String text) {
        String t = text.replaceFirst("\\.[xX*]$", "");
        return PluginVersion.parse(t).map(v -> new Written(v, PluginVersion.writtenParts(t)));
    }

    private static PluginVersion caretLimit(Written w) {
        PluginVersion v = w.version();
        if (v.major() > 0 || w.parts() == 1) {
            return next(v, 1);
        }
        if (v.minor() > 0 || w.parts() == 2) {
            return next(v, 2);
        }
        return next(v, 3);
    }

    /** Returns the smallest version above every version sharing the first {@code parts} numbers. */
    private static PluginVersion next(PluginVersion v, int parts) {
        return switch (parts) {
            case 1 -> new PluginVersion(v.major() + 1, 0, 0, "");
            case 2 -> new PluginVersion(v.major(), v.minor() + 1, 0, "");
            default -> new PluginVersion(v.major(), v.minor(), v.micro() + 1, "");
        };
    }

    private static List<Bound> between(PluginVersion low, PluginVersion high) {
        return List.of(new Bound(Operator.AT_LEAST, low), new Bound(Operator.BELOW, high));
    }

    private static Validation<String, List<Bound>> range(String t) {
        char close = t.charAt(t.length() - 1);
        String[] ends = t.substring(1, t.length() - 1).split(",", -1);
        if ((close != ']' && close != ')') || ends.length != 2) {
            return Validation.invalid("'" + t + "' is not a range such as [1.0,2) or (1.0,2.0]");
        }
        Optional<PluginVersion> low = PluginVersion.parse(ends[0]);
        Optional<PluginVersion> high = PluginVersion.parse(ends[1]);
        if (low.isEmpty() || high.isEmpty()) {
            return Validation.invalid("'" + (low.isEmpty() ? ends[0] : ends[1]).strip() + "' in range " + t
                    + " is not a version");
        }
        if (low.get().compareTo(high.get()) > 0) {
            return Validation.invalid("range " + t + " is empty: its lower end is above its upper end");
        }
        return Validation.valid(List.of(
                new Bound(t.charAt(0) == '[' ? Operator.AT_LEAST : Operator.ABOVE, low.get()),
                new Bound(close == ']' ? Operator.AT_MOST : Operator.BELOW, high.get())));
    }
}
