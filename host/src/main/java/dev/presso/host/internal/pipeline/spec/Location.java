package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Objects;

/**
 * Where something was written in a pipeline file, for messages a user can jump to.
 *
 * @param file the pipeline file, as the user named it
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record Location(Path file, int line, int column) implements Comparable<Location> {
    private static final Comparator<Location> ORDER =
            Comparator.comparingInt(Location::line).thenComparingInt(Location::column);

    /**
     * Validates the components.
     *
     * @param file the file
     * @param line the line
     * @param column the column
     */
    public Location {
        Objects.requireNonNull(file, "file must not be null");
        if (line < 1 || column < 1) {
            throw new IllegalArgumentException("lines and columns start at 1, got " + line + ":" + column);
        }
    }

    /**
     * Returns the start of a file, for problems that concern the whole file.
     *
     * @param file the file
     * @return line 1, column 1
     */
    public static Location startOf(Path file) {
        return new Location(file, 1, 1);
    }

    /** Formats the position without the file. @return {@code line:column} */
    public String lineColumn() {
        return line + ":" + column;
    }

    /** Orders by line, then column, within one file. */
    @Override
    public int compareTo(Location other) {
        return ORDER.compare(this, other);
    }

    /** Formats the location as {@code file:line:column}. @return the text */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
