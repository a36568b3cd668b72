package dev.presso.registry.format;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An OSGi version range, or several joined with {@code " and "} that must all hold (the form the
 * host's plugin manifest reader gives for a plugin's kernel-api imports).
 *
 * <p>One range is {@code [1.0,2)}, {@code (1.0,2.0]} and the like (square bracket inclusive,
 * parenthesis exclusive) or a bare version {@code 1.2}, meaning that version or newer. The text is
 * kept as written.
 *
 * @param text the range as written
 * @param parts the ranges that must all hold
 */
public record VersionRange(String text, List<Interval> parts) {
    private static final Pattern INTERVAL = Pattern.compile("([\\[(])\\s*([^,\\s]+)\\s*,\\s*([^\\])\\s]+)\\s*([\\])])");
    /** What a valid range looks like, for messages. */
    public static final String EXPECTED = "an OSGi version range such as [1.0,2) or 1.2 (meaning 1.2 or newer),"
            + " or several joined with ' and '";

    /**
     * One interval.
     *
     * @param floor the lower bound
     * @param floorIncluded whether the lower bound is included
     * @param ceiling the upper bound, null for none
     * @param ceilingIncluded whether the upper bound is included
     */
    public record Interval(PluginVersion floor, boolean floorIncluded, @Nullable PluginVersion ceiling,
            boolean ceilingIncluded) {
        /**
         * Tells whether a version lies in the interval.
         *
         * @param version the version
         * @return whether it does
         */
        public boolean includes(PluginVersion version) {
            int low = version.compareTo(floor);
            if (low < 0 || (low == 0 && !floorIncluded)) {
                return false;
            }
            if (ceiling == null) {
                return true;
            }
            int high = version.compareTo(ceiling);
            return high < 0 || (high == 0 && ceilingIncluded);
        }

        boolean isEmpty() {
            if (ceiling == null) {
                return false;
            }
            int c = floor.compareTo(ceiling);
            return c > 0 || (c == 0 && !(floorIncluded && ceilingIncluded));
        }
    }

    /**
     * Copies the parts.
     *
     * @param text the text
     * @param parts the parts
     */
    public VersionRange {
        parts = List.copyOf(parts);
    }

    /**
     * Parses a range.
     *
     * @param text the text
     * @return the range
     * @throws IllegalArgumentException if it is not a range, or is empty (no version satisfies
     *     it); the message says what is expected
     */
    public static VersionRange parse(String text) {
        List<Interval> parts = new ArrayList<>();
        for (String part : text.split(" and ", -1)) {
            parts.add(interval(part.strip(), text));
        }
        return new VersionRange(text, parts);
    }

    /**
     * Returns the range of exactly one version.
     *
     * @param version the version
     * @return {@code [v,v]}
     */
    public static VersionRange exactly(PluginVersion version) {
        return new VersionRange("[" + version + "," + version + "]",
                List.of(new Interval(version, true, version, true)));
    }

    /**
     * Tells whether a version satisfies the range.
     *
     * @param version the version
     * @return whether every part includes it
     */
    public boolean includes(PluginVersion version) {
        return parts.stream().allMatch(p -> p.includes(version));
    }

    @Override
    public String toString() {
        return text;
    }

    private static Interval interval(String part, String whole) {
        try {
            Matcher m = INTERVAL.matcher(part);
            Interval interval;
            if (m.matches()) {
                interval = new Interval(PluginVersion.parse(m.group(2)), m.group(1).equals("["),
                        PluginVersion.parse(m.group(3)), m.group(4).equals("]"));
            } else {
                interval = new Interval(PluginVersion.parse(part), true, null, false);
            }
            if (interval.isEmpty()) {
                throw new IllegalArgumentException("'" + whole + "' is an empty range, which no version satisfies");
            }
            return interval;
        } catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().contains("empty range")) {
                throw e;
            }
            throw new IllegalArgumentException("'" + whole + "' is not a version range; expected " + EXPECTED, e);
        }
    }
}
