package dev.presso.host.internal.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Reads raw little-endian int32 token ids without a header, as rows of a stated length or as one sequence. */
final class Int32TokenFile {
    private Int32TokenFile() {}

    /**
     * Reads the sequences of a file.
     *
     * @param file the file
     * @param rowLength ids per sequence; empty for one sequence holding the whole file
     * @return the sequences, in file order
     * @throws DataFormatException if the size does not fit or an id is negative
     */
    static List<int[]> read(Path file, OptionalInt rowLength) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFormatException(file + ": file not found", e);
        } catch (IOException e) {
            throw new DataFormatException(file + ": cannot be read: " + e.getMessage(), e);
        }
        if (bytes.length % Integer.BYTES != 0) {
            throw new DataFormatException(file + ": " + bytes.length + " bytes is not a whole number of int32 ids;"
                    + " expected raw little-endian int32 without a header");
        }
        int count = bytes.length / Integer.BYTES;
        int row = rowLength.orElse(count);
        if (row < 1 || count % row != 0) {
            throw new DataFormatException(file + ": " + count + " ids do not split into rows of " + row
                    + "; expected a file of whole rows (give the row length the file was written with)");
        }
        IntBuffer ids = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
        List<int[]> sequences = new ArrayList<>(count / row);
        for (int start = 0; start < count; start += row) {
            int[] sequence = new int[row];
            ids.get(start, sequence);
            for (int i = 0; i < row; i++) {
                if (sequence[i] < 0) {
                    throw new DataFormatException(file + ": id " + sequence[i] + " at index " + (start + i)
                            + " (byte " + (4L * (start + i)) + "); expected ids >= 0 in little-endian int32");
                }
            }
            sequences.add(sequence);
        }
        return sequences;
    }
}
