package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;

/**
 * Where something was written in a pipeline file, for messages a user can jump to.
 *
 * @param file the pipeline file
 * @param line the 1-based line
 * @param column the 1-based column
 */
public record Location(Path file, int line, int column) {
    /** Formats the location as {@code file:line:column}. @return the text */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
