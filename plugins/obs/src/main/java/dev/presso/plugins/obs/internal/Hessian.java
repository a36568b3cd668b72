package dev.presso.plugins.obs.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.tensor.Tensor;

/**
 * The conditioned layer Hessian {@code H = (2/N) X^T X} of methods.md §1.1 step 4 and the sweep's
 * factor: dead inputs ({@code H_jj = 0}) get {@code H_jj = 1} and their weight columns are zeroed,
 * then {@code damp * mean(diag H)} is added to the diagonal.
 */
public final class Hessian {
    private Hessian() {}

    /**
     * Conditions the Gram of a layer, zeroes the weight's dead columns and returns {@code U}, the
     * upper Cholesky factor of {@code H^{-1}}.
     *
     * @param method the method's id, for messages
     * @param site the layer's name, for messages
     * @param calibration the layer's input statistics
     * @param weights the weights {@code [out][in]}; dead columns are zeroed in place
     * @param damp the relative damping
     * @return {@code U [in][in]}
     * @throws PressoException without a Gram matrix, or when the damped Hessian is not positive definite
     */
    public static double[][] inverseFactor(String method, String site, Calibration calibration, double[][] weights,
            double damp) {
        Tensor gram = calibration.gram().orElseThrow(() -> new PressoException(method + ": layer " + site
                + " has no calibration Gram matrix; expected one: add a calibrate stage before the compress"
                + " stage that uses " + method));
        int in = weights.length == 0 ? 0 : weights[0].length;
        if (gram.shape().rank() != 2 || gram.shape().dim(0) != in || gram.shape().dim(1) != in) {
            throw new PressoException(method + ": layer " + site + " has a calibration Gram of shape " + gram.shape()
                    + "; expected [" + in + ", " + in + "]");
        }
        float[] values = gram.toFloatArray();
        double scale = 2.0 / Math.max(1, calibration.rows());
        double[][] h = new double[in][in];
        double trace = 0;
        for (int i = 0; i < in; i++) {
            for (int j = 0; j < in; j++) {
                h[i][j] = scale * values[i * in + j];
            }
        }
        for (int j = 0; j < in; j++) {
            if (h[j][j] == 0) {
                h[j][j] = 1;
                for (double[] row : weights) {
                    row[j] = 0;
                }
            }
            trace += h[j][j];
        }
        double lambda = damp * trace / in;
        for (int j = 0; j < in; j++) {
            h[j][j] += lambda;
        }
        return CholeskyAlgebra.upperCholeskyOfInverse(h).orElseThrow(() -> new PressoException(method + ": layer "
                + site + ": the Hessian damped by damp = " + damp + " is not positive definite; expected a larger"
                + " damp setting (such as 0.1)"));
    }
}
