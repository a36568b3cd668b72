package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;

/**
 * The whitening of a layer's inputs by the Cholesky factor of their damped Gram matrix:
 * {@code G + lambda I = L L^T}, {@code lambda = damp * mean(diag G)}, so that
 * {@code ||X M^T||_F^2 = tr(M G M^T) ~ ||M L||_F^2} for any {@code M [out, in]}.
 *
 * @param cholesky the lower-triangular factor {@code L [in, in]}
 */
record Whitening(Tensor cholesky) {
    /**
     * Factors a damped Gram matrix.
     *
     * @param tensors the front end
     * @param gram the F32 Gram sum {@code X^T X [in, in]}
     * @param damp the damping relative to the mean diagonal
     * @param site the layer, for messages
     * @return the whitening
     * @throws PressoException if the Gram matrix is zero or the damped one not positive definite
     */
    static Whitening of(Tensors tensors, Tensor gram, double damp, String site) {
        long in = gram.shape().dim(0);
        Tensor range = RowIndexing.range(tensors, in);
        Tensor identity = range.reshape(in, 1).zip(BinaryOp.EQUAL, range);
        double meanDiagonal = gram.mul(identity).sum().item() / in;
        if (!(meanDiagonal > 0) || !Double.isFinite(meanDiagonal)) {
            throw new PressoException(SvdMethod.ID + ": layer " + site + ": the calibration Gram matrix has mean"
                    + " diagonal " + meanDiagonal + "; expected a positive number (did the layer see any input?)");
        }
        try {
            return new Whitening(tensors.cholesky(gram.add(identity.mul((float) (damp * meanDiagonal)))));
        } catch (TensorException e) {
            throw new PressoException(SvdMethod.ID + ": layer " + site + ": the calibration Gram matrix damped by "
                    + "damp=" + damp + " is not positive definite; expected a larger damp setting", e);
        }
    }

    /**
     * Maps a right factor of the whitened weight back: {@code B = B_w L^-1}, by solving
     * {@code L^T B^T = B_w^T}.
     *
     * @param tensors the front end
     * @param whitenedFactor {@code B_w [r, in]}
     * @return {@code B [r, in]}
     */
    Tensor unwhiten(Tensors tensors, Tensor whitenedFactor) {
        return Kernels.triangularSolve(tensors, cholesky, whitenedFactor.permute(1, 0), true, true).permute(1, 0);
    }
}
