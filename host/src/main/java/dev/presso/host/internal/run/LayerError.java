package dev.presso.host.internal.run;

import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;

/**
 * The layer-wise error of a compressed weight (methods.md §1.2): the normalised output error on
 * calibration activations, {@code tr(ΔW H ΔWᵀ) / tr(W H Wᵀ)} with {@code H = XᵀX} the Gram matrix
 * of the layer's inputs and {@code ΔW = W − Ŵ}. It is 0 for an exact copy and 1 for a zero
 * weight. The products run on the tensor backend, the sums in double precision.
 */
final class LayerError {
    private LayerError() {}

    /**
     * Measures the error.
     *
     * @param tensors the run's tensors
     * @param dense the dense weight {@code [out, in]}
     * @param compressed the compressed operator's dense weight {@code [out, in]}
     * @param gram the calibration Gram matrix {@code [in, in]}
     * @return the normalised error, 0 when the dense output energy is 0
     */
    static double of(Tensors tensors, Tensor dense, Tensor compressed, Tensor gram) {
        try (GradMode _ = tensors.noGrad(); TensorScope _ = tensors.scope()) {
            Tensor difference = dense.sub(compressed);
            double error = quadratic(difference, gram);
            double energy = quadratic(dense, gram);
            return energy == 0 ? 0 : error / energy;
        }
    }

    /** Returns {@code tr(A H Aᵀ)}. */
    private static double quadratic(Tensor matrix, Tensor gram) {
        float[] projected = matrix.matmul(gram).toFloatArray();
        float[] values = matrix.toFloatArray();
        double sum = 0;
        for (int i = 0; i < values.length; i++) {
            sum += (double) values[i] * projected[i];
        }
        return sum;
    }
}
