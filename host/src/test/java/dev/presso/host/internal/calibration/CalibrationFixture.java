package dev.presso.host.internal.calibration;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.kernel.model.ForwardingLinearOperator;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The real stories260K model and its sampled token rows from the shared data folder (tests are
 * skipped, saying why, without it), and a plain input hook to check the calibrator against.
 */
final class CalibrationFixture {
    private static final String PROPERTY = "presso.shared.data";
    private static final int SAMPLE_LENGTH = 256;

    private CalibrationFixture() {}

    /** Returns the stories260K directory, or skips the test when it is missing. */
    static Path modelDirectory() {
        String root = System.getProperty(PROPERTY);
        assumeTrue(root != null, "system property " + PROPERTY + " is not set; run through Maven");
        Path directory = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(directory.resolve("model.safetensors")),
                "the real stories260K model is not at " + directory.toAbsolutePath());
        return directory;
    }

    /**
     * Reads prefixes of rows of samples-256x64.i32 (raw little-endian int32, 64 rows of 256 ids).
     *
     * @param lengths the length of the prefix taken from each successive row
     */
    static List<int[]> samples(int... lengths) {
        try {
            IntBuffer ids = ByteBuffer.wrap(Files.readAllBytes(modelDirectory().resolve("samples-256x64.i32")))
                    .order(ByteOrder.LITTLE_ENDIAN).asIntBuffer();
            List<int[]> rows = new ArrayList<>();
            for (int row = 0; row < lengths.length; row++) {
                int[] prefix = new int[lengths[row]];
                ids.get(row * SAMPLE_LENGTH, prefix);
                rows.add(prefix);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An operator that keeps a heap copy of every input row it is applied to, then delegates. */
    static final class InputHook implements ForwardingLinearOperator {
        private final LinearOperator delegate;
        private final List<float[]> rows = new ArrayList<>();

        InputHook(LinearOperator delegate) {
            this.delegate = delegate;
        }

        @Override
        public LinearOperator delegate() {
            return delegate;
        }

        /** Returns the rows seen, in order. */
        List<float[]> rows() {
            return rows;
        }

        /** Returns the Gram sum of the rows seen, computed here in double precision. */
        double[] gram() {
            int width = Math.toIntExact(inFeatures());
            double[] gram = new double[width * width];
            for (float[] row : rows) {
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j < width; j++) {
                        gram[i * width + j] += (double) row[i] * row[j];
                    }
                }
            }
            return gram;
        }

        /** Returns the position of a row among the rows seen, or -1. */
        int indexOf(float[] row) {
            for (int i = 0; i < rows.size(); i++) {
                if (Arrays.equals(rows.get(i), row)) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        public Tensor apply(Tensor input) {
            int width = Math.toIntExact(inFeatures());
            float[] values = input.toFloatArray();
            for (int start = 0; start < values.length; start += width) {
                rows.add(Arrays.copyOfRange(values, start, start + width));
            }
            return delegate.apply(input);
        }
    }
}
