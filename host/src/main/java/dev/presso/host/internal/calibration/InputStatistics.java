package dev.presso.host.internal.calibration;

import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The collected input statistics of one linear layer, held on the heap: the Gram sum
 * {@code X^T X} in double precision, the row count and the optional row subsample. Immutable;
 * the tensors it hands out are new on every call and owned by the caller.
 */
public final class InputStatistics implements Calibration {
    private final Tensors tensors;
    private final int width;
    private final long rows;
    private final double[] gram;
    private final float @Nullable [] sample;

    /**
     * Takes ownership of the arrays.
     *
     * @param tensors the front end that creates the tensors handed out
     * @param width the input width
     * @param rows the row count
     * @param gram the Gram sum, row-major {@code [width, width]}
     * @param sample the sampled rows, row-major {@code [k, width]}, or null when none was requested
     */
    InputStatistics(Tensors tensors, int width, long rows, double[] gram, float @Nullable [] sample) {
        this.tensors = tensors;
        this.width = width;
        this.rows = rows;
        this.gram = gram;
        this.sample = sample;
    }

    /** Returns the input width. @return {@code in_features} */
    public int width() {
        return width;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public Optional<Tensor> gram() {
        if (rows == 0) {
            return Optional.empty();
        }
        float[] values = new float[gram.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) gram[i];
        }
        return Optional.of(tensors.of(values, Shape.of(width, width)));
    }

    /**
     * Returns the Gram sum in the double precision it was accumulated in.
     *
     * @return a copy, row-major {@code [in, in]}
     */
    public double[] gramValues() {
        return gram.clone();
    }

    @Override
    public Optional<Tensor> inputSample() {
        if (sample == null || sample.length == 0) {
            return Optional.empty();
        }
        return Optional.of(tensors.of(sample.clone(), Shape.of(sample.length / width, width)));
    }

    /** Returns whether another layer saw exactly the same inputs; such layers share one object. */
    boolean sameAs(InputStatistics other) {
        return width == other.width && rows == other.rows && Arrays.equals(gram, other.gram)
                && Arrays.equals(sample, other.sample);
    }

    @Override
    public String toString() {
        return "InputStatistics[" + rows + " rows x " + width + (sample == null ? "" : ", "
                + sample.length / width + " sampled") + "]";
    }
}
