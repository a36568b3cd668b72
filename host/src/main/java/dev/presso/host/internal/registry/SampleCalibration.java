package dev.presso.host.internal.registry;

import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Optional;

/**
 * Input statistics of a layer computed from given input rows {@code X [rows, in]}: the Gram
 * matrix {@code X^T X} summed in double precision and the rows themselves as the sample; what a
 * method sees after calibration, for checking a method on a small matrix.
 */
final class SampleCalibration implements Calibration {
    private final Tensors tensors;
    private final float[] rows;
    private final int count;
    private final int width;

    SampleCalibration(Tensors tensors, float[] rows, int count, int width) {
        this.tensors = tensors;
        this.rows = rows.clone();
        this.count = count;
        this.width = width;
    }

    @Override
    public long rows() {
        return count;
    }

    @Override
    public Optional<Tensor> gram() {
        float[] gram = new float[width * width];
        for (int i = 0; i < width; i++) {
            for (int j = 0; j < width; j++) {
                double sum = 0;
                for (int r = 0; r < count; r++) {
                    sum += (double) rows[r * width + i] * rows[r * width + j];
                }
                gram[i * width + j] = (float) sum;
            }
        }
        return Optional.of(tensors.of(gram, Shape.of(width, width)));
    }

    @Override
    public Optional<Tensor> inputSample() {
        return Optional.of(tensors.of(rows, Shape.of(count, width)));
    }
}
