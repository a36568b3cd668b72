package dev.presso.host.internal.pipeline.spec;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OSGi-style version {@code major.minor.micro[.qualifier]}: missing numbers are 0, the qualifier
 * compares as text and an absent qualifier sorts first, so {@code 1.0.0 < 1.0.0.beta < 1.0.1}.
 * Maven's {@code 1.0.0-SNAPSHOT} is read as {@code 1.0.0.SNAPSHOT}, as bnd writes it.
 *
 * @param major the major number
 * @param minor the minor number
 * @param micro the micro number
 * @param qualifier the qualifier, empty when absent
 */
public record PluginVersion(int major, int minor, int micro, String qualifier) implements Comparable<PluginVersion> {
    private static final Pattern SYNTAX =
            Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9})(?:\\.(\\d{1,9})(?:[.-]([A-Za-z0-9_-]+))?)?)?");
    private static final Comparator<PluginVersion> ORDER = Comparator.comparingInt(PluginVersion::major)
            .thenComparingInt(PluginVersion::minor)
            .thenComparingInt(PluginVersion::micro)
            .thenComparing(PluginVersion::qualifier);

    /**
     * Validates the components.
     *
     * @param major the major number
     * @param minor the minor number
     * @param micro the micro number
     * @param qualifier the qualifier
     */
    public PluginVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("version numbers must be >= 0, got " + major + "." + minor + "."
                    + micro);
        }
    }

    /**
     * Parses a version.
     *
     * @param text such as {@code 1}, {@code 1.2}, {@code 1.2.3} or {@code 1.2.3.beta}
     * @return the version, empty when the text is not one
     */
    public static Optional<PluginVersion> parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new PluginVersion(number(m.group(1)), number(m.group(2)), number(m.group(3)),
                m.group(4) == null ? "" : m.group(4)));
    }

    /**
     * Counts the numbers written in a version, to read {@code 1.2} as a prefix.
     *
     * @param text a version {@link #parse} accepts
     * @return 1, 2 or 3; 3 when a qualifier is written
     */
    static int writtenParts(String text) {
        Matcher m = SYNTAX.matcher(text.strip());
        return !m.matches() ? 0 : m.group(2) == null ? 1 : m.group(3) == null ? 2 : 3;
    }

    private static int number(String group) {
        return group == null ? 0 : Integer.parseInt(group);
    }

    @Override
    public int compareTo(PluginVersion other) {
        return ORDER.compare(this, other);
    }

    /** Formats the version. @return {@code major.minor.micro[.qualifier]} */
    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
    }
}
