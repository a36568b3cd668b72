package dev.presso.registry.format;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OSGi version, {@code major.minor.micro[.qualifier]}, ordered as OSGi orders bundle versions:
 * numerically by the three numbers, then by the qualifier as a string, no qualifier first. The
 * canonical text (the one the index uses) always has three numbers: {@code 1.2.0}.
 *
 * @param major the major number
 * @param minor the minor number
 * @param micro the micro number
 * @param qualifier the qualifier, empty if none
 */
public record PluginVersion(int major, int minor, int micro, String qualifier) implements Comparable<PluginVersion> {
    private static final Pattern FORM = Pattern.compile(
            "(0|[1-9][0-9]{0,8})(?:\\.(0|[1-9][0-9]{0,8})(?:\\.(0|[1-9][0-9]{0,8})(?:\\.([A-Za-z0-9_-]+))?)?)?");
    /** What a valid version looks like, for messages. */
    public static final String EXPECTED = "major.minor.micro[.qualifier], such as 1.2.0";

    /**
     * Checks the parts.
     *
     * @param major the major number
     * @param minor the minor number
     * @param micro the micro number
     * @param qualifier the qualifier, empty if none
     */
    public PluginVersion {
        if (major < 0 || minor < 0 || micro < 0) {
            throw new IllegalArgumentException("version numbers must not be negative");
        }
        if (!qualifier.isEmpty() && !qualifier.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("qualifier '" + qualifier + "' is not letters, digits, '_' and '-'");
        }
    }

    /**
     * Parses a version, allowing omitted minor and micro numbers ({@code 1.2} is {@code 1.2.0}).
     *
     * @param text the text
     * @return the version
     * @throws IllegalArgumentException if the text is not an OSGi version; the message says what
     *     is expected
     */
    public static PluginVersion parse(String text) {
        Matcher m = FORM.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a version; expected " + EXPECTED);
        }
        return new PluginVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) == null ? "" : m.group(4));
    }

    /**
     * Parses a version that must be in canonical form, as the index writes it.
     *
     * @param text the text
     * @return the version
     * @throws IllegalArgumentException if the text is not a canonical version
     */
    public static PluginVersion parseCanonical(String text) {
        PluginVersion version = parse(text);
        if (!version.toString().equals(text)) {
            throw new IllegalArgumentException("'" + text + "' is not in canonical form; expected " + version);
        }
        return version;
    }

    @Override
    public int compareTo(PluginVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(micro, other.micro);
        }
        return c != 0 ? c : qualifier.compareTo(other.qualifier);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
    }
}
