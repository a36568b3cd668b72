package dev.presso.host.internal.calibration;

import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The running input statistics of one linear layer: the Gram sum in double precision, the row
 * count, the optional row reservoir, and the order in which this layer's input first appeared in a
 * pass (layers with equal order share their input).
 */
final class InputAccumulator {
    private final Tensors tensors;
    private final String name;
    private final int width;
    private final double[] gram;
    private final @Nullable RowReservoir reservoir;
    private final float[] sample;
    private long rows;
    private int ordinal = -1;

    /**
     * Creates empty statistics.
     *
     * @param tensors the front end the layer's inputs live on
     * @param name the layer's name, for messages
     * @param width the input width
     * @param settings the sample capacity and seed
     */
    InputAccumulator(Tensors tensors, String name, int width, CalibrationSettings settings) {
        this.tensors = tensors;
        this.name = name;
        this.width = width;
        this.gram = new double[Math.multiplyExact(width, width)];
        int capacity = settings.sampleCapacity();
        this.reservoir = capacity == 0 ? null : new RowReservoir(capacity, settings.seed());
        this.sample = new float[capacity == 0 ? 0 : Math.multiplyExact(capacity, width)];
    }

    /**
     * Folds one input into the statistics.
     *
     * @param input the activations {@code [..., in]} the layer received
     * @param batch the inputs seen so far in this pass
     */
    void add(Tensor input, BatchInputs batch) {
        Shape shape = input.shape();
        if (shape.rank() < 2 || shape.dim(-1) != width) {
            throw new TensorException("calibration", name + " expects inputs [..., " + width + "] of rank >= 2, got "
                    + shape);
        }
        try (TensorScope _ = tensors.scope()) {
            Tensor flat = input.reshape(-1, width);
            BatchInputs.Input seen = batch.of(flat, input);
            if (ordinal < 0) {
                ordinal = seen.ordinal();
            }
            double[] product = seen.gram();
            for (int i = 0; i < gram.length; i++) {
                gram[i] += product[i];
            }
            rows += seen.rows();
            if (reservoir != null) {
                sampleRows(reservoir, flat);
            }
        }
    }

    private void sampleRows(RowReservoir reservoir, Tensor flat) {
        int[] source = reservoir.offer(Math.toIntExact(flat.shape().dim(0)));
        int[] picked = Arrays.stream(source).filter(row -> row >= 0).toArray();
        if (picked.length == 0) {
            return;
        }
        float[] values = flat.gather(tensors.ofInts(picked, Shape.of(picked.length))).toFloatArray();
        for (int slot = 0, next = 0; slot < source.length; slot++) {
            if (source[slot] >= 0) {
                System.arraycopy(values, next++ * width, sample, slot * width, width);
            }
        }
    }

    /** Returns the order of this layer's input in the first pass. @return the order, -1 if never run */
    int ordinal() {
        return ordinal;
    }

    /**
     * Returns the statistics gathered so far, which then own this accumulator's arrays; the
     * accumulator must not be used afterwards.
     *
     * @return the statistics
     */
    InputStatistics finish() {
        int kept = reservoir == null ? 0 : reservoir.size();
        return new InputStatistics(tensors, width, rows, gram, reservoir == null ? null
                : Arrays.copyOf(sample, kept * width));
    }
}
