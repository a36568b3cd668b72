package dev.presso.host.internal.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The kinds of data file Presso reads, and the file-name extensions that select them. */
public enum DataFormat {
    /**
     * JSON token ids: a list of lists (one per sequence), one flat list (a single sequence), or an
     * object whose {@code sequences} field is a list of lists.
     */
    JSON("json"),
    /** Raw little-endian int32 ids without a header: rows of a stated length, or one sequence. */
    INT32("i32", "bin"),
    /** UTF-8 text: documents separated by a separator line, tokenized on the fly. */
    TEXT("txt", "text");

    private final String[] extensions;

    DataFormat(String... extensions) {
        this.extensions = extensions;
    }

    /**
     * Chooses the format from a file's extension.
     *
     * @param file the file
     * @return the format, empty when the extension is not one of {@link #knownExtensions()}
     */
    public static Optional<DataFormat> detect(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        for (DataFormat format : values()) {
            for (String extension : format.extensions) {
                if (name.endsWith("." + extension)) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Lists the extensions of every format, for messages.
     *
     * @return such as {@code .json (JSON), .i32 .bin (INT32), ...}
     */
    public static String knownExtensions() {
        return Arrays.stream(values())
                .map(f -> Arrays.stream(f.extensions).map(e -> "." + e).collect(Collectors.joining(" "))
                        + " (" + f.name().toLowerCase(Locale.ROOT) + ")")
                .collect(Collectors.joining(", "));
    }
}
