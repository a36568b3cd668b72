package dev.presso.host.internal.calibration;

import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * The distinct layer inputs of one forward pass, each with its Gram matrix computed once: the
 * query, key and value projections receive the same tensor, and so do gate and up, so their
 * product is shared.
 *
 * <p>The Gram matrix is a backend GEMM ({@code X^T X} with the left operand transposed) in F32
 * over at most {@link #ROWS_PER_PRODUCT} rows at a time, each product added into a double
 * sum on the heap. That bounds the F32 accumulation length whatever the batch size while the
 * {@code N d^2} work stays on the backend. Cleared after every pass.
 */
final class BatchInputs {
    /** The most rows one F32 product sums before the result joins the double-precision sum. */
    static final int ROWS_PER_PRODUCT = 4096;

    private final Tensors tensors;
    private final Map<Tensor, Input> inputs = new IdentityHashMap<>();

    /** One distinct input: its order of first use in the pass, its row count and its Gram sum. */
    record Input(int ordinal, long rows, double[] gram) {}

    BatchInputs(Tensors tensors) {
        this.tensors = tensors;
    }

    /**
     * Returns the input's Gram matrix, computing it on first sight in this pass.
     *
     * @param rows the input reshaped to {@code [N, in]}
     * @param original the tensor the layer received, which identifies the input
     * @return the input
     */
    Input of(Tensor rows, Tensor original) {
        Input known = inputs.get(original);
        if (known != null) {
            return known;
        }
        Input input = new Input(inputs.size(), rows.shape().dim(0), gram(rows));
        inputs.put(original, input);
        return input;
    }

    /** Forgets the inputs of the pass that ended. */
    void clear() {
        inputs.clear();
    }

    private double[] gram(Tensor rows) {
        long count = rows.shape().dim(0);
        int width = Math.toIntExact(rows.shape().dim(1));
        double[] sum = new double[Math.multiplyExact(width, width)];
        for (long start = 0; start < count; start += ROWS_PER_PRODUCT) {
            try (TensorScope _ = tensors.scope()) {
                long end = Math.min(count, start + ROWS_PER_PRODUCT);
                Tensor part = start == 0 && end == count ? rows : rows.slice(0, start, end);
                float[] product = part.matmul(part, true, false).toFloatArray();
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += product[i];
                }
            }
        }
        return sum;
    }
}
