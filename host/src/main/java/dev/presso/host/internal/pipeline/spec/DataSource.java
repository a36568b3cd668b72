package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;
import java.util.List;

/**
 * A token data set: a JSON list of id lists, raw little-endian int32 ids, or text tokenized with
 * the model's tokenizer (documents separated by {@code <|endoftext|>} lines); or, written
 * {@code default}, the embedded default model's own held-out text.
 *
 * @param path the file, absolute (resolved against the pipeline file's folder); or the relative
 *     path {@code default} for the default model's data (allowed only with {@code model: default};
 *     see {@link #isDefault()})
 * @param format {@code auto} (from the extension), {@code json}, {@code int32} or {@code text}
 * @param sequenceLength the longest sequence fed to the model; longer documents are cut
 * @param maxSequences how many sequences to use at most, 0 for all
 * @param where where the path was written
 */
public record DataSource(Path path, String format, int sequenceLength, int maxSequences, Location where) {
    /** The formats a data set may name. */
    public static final List<String> FORMATS = List.of("auto", "json", "int32", "text");

    /** The path that names the default model's own data. */
    public static final String DEFAULT = "default";

    /**
     * Tells whether this is the default model's own data rather than a file.
     *
     * @return {@code true} when the path is the relative {@code default}
     */
    public boolean isDefault() {
        return !path.isAbsolute() && path.toString().equals(DEFAULT);
    }
}
