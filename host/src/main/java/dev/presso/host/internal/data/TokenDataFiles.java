package dev.presso.host.internal.data;

import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.model.Tokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** Reads a data file of any {@link DataFormat} into token sequences. */
public final class TokenDataFiles {
    private TokenDataFiles() {}

    /**
     * How to read a file.
     *
     * @param format the format, or empty to choose it from the extension
     * @param rowLength ids per sequence in an int32 file; empty for one sequence
     * @param separator the document separator line of a text file
     * @param addSpecialTokens whether text documents get the tokenizer's special tokens
     */
    public record Options(Optional<DataFormat> format, OptionalInt rowLength, String separator,
            boolean addSpecialTokens) {
        /** Validates the components. */
        public Options {
            Objects.requireNonNull(format, "format must not be null");
            Objects.requireNonNull(rowLength, "rowLength must not be null");
            Objects.requireNonNull(separator, "separator must not be null");
            if (rowLength.isPresent() && rowLength.getAsInt() < 1) {
                throw new DataFormatException("the row length must be at least 1, got " + rowLength.getAsInt());
            }
            if (separator.isEmpty() || separator.contains("\n")) {
                throw new DataFormatException("the document separator must be one non-empty line, got \""
                        + separator + "\"");
            }
        }

        /**
         * Returns the defaults: format from the extension, int32 files as one sequence, documents
         * separated by {@code <|endoftext|>} lines and given special tokens.
         *
         * @return the options
         */
        public static Options defaults() {
            return new Options(Optional.empty(), OptionalInt.empty(), TextDocuments.DEFAULT_SEPARATOR, true);
        }
    }

    /**
     * Reads a file.
     *
     * @param file the file
     * @param options how to read it
     * @param tokenizer the model's tokenizer, asked for only when the file is text
     * @return the sequences, named after the file
     * @throws DataFormatException if the file is missing, of an unknown format, or malformed
     */
    public static EvaluationData read(Path file, Options options, Supplier<Tokenizer> tokenizer) {
        if (!Files.isRegularFile(file)) {
            throw new DataFormatException(file + ": " + (Files.exists(file) ? "not a regular file" : "file not found")
                    + "; expected token ids (" + DataFormat.knownExtensions() + ")");
        }
        if (!Files.isReadable(file)) {
            throw new DataFormatException(file + ": cannot be read (permission denied)");
        }
        DataFormat format = options.format().or(() -> DataFormat.detect(file)).orElseThrow(
                () -> new DataFormatException(file + ": unknown data format; expected one of "
                        + DataFormat.knownExtensions() + ", or name the format"));
        List<int[]> sequences = switch (format) {
            case JSON -> JsonTokenFile.read(file);
            case INT32 -> Int32TokenFile.read(file, options.rowLength());
            case TEXT -> TextDocuments.read(file, options.separator(), tokenizer.get(), options.addSpecialTokens());
        };
        return EvaluationData.of(String.valueOf(file.getFileName()), sequences);
    }
}
