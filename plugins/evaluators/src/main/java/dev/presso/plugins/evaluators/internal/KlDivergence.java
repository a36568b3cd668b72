package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;

/**
 * The per-position divergence {@code KL(P || Q) = sum_v p(v) (log p(v) - log q(v))} of a reference
 * distribution P from a model's Q, both given as F32 log-probabilities {@code [B, W, V]}.
 *
 * <p><b>Top-k.</b> The top-k divergence coarse-grains both distributions onto the reference's k
 * most likely tokens plus one bucket holding the rest of the vocabulary:
 * {@code sum_{v in S} p(v) log(p(v)/q(v)) + (1 - P(S)) log((1 - P(S)) / (1 - Q(S)))}. Merging
 * outcomes never increases a KL divergence (the data-processing inequality), so
 * {@code 0 <= top-k KL <= full KL} for every position, with equality at {@code k = V}; it needs only
 * the reference's top k log-probabilities per position, which is what makes it cheap to store.
 * EvoPress' {@code sparse_kl} instead renormalizes both over S and drops the rest; that variant can
 * exceed the full KL (up to a factor {@code 1 / P(S)}), which is why it is not used here.
 */
final class KlDivergence {
    /** The smallest tail mass told apart from rounding of F32 probabilities summed over a vocabulary. */
    static final double TAIL_RESOLUTION = 1e-6;

    private KlDivergence() {}

    /**
     * Computes the full divergence at every position, on the backend.
     *
     * @param logP reference log-probabilities {@code [B, W, V]}
     * @param logQ model log-probabilities {@code [B, W, V]}
     * @return the divergence per position, {@code [B * W]}
     */
    static float[] full(Tensor logP, Tensor logQ) {
        return logP.map(UnaryOp.EXP).mul(logP.sub(logQ)).reduce(ReduceOp.SUM, false, logP.shape().rank() - 1)
                .toFloatArray();
    }

    /**
     * Computes the top-k divergence at chosen positions.
     *
     * @param tensors the front end
     * @param logP reference log-probabilities {@code [B, W, V]}
     * @param logQ model log-probabilities {@code [B, W, V]}
     * @param positions the flat positions to score
     * @param k the number of reference tokens kept, at least 1
     * @return the divergence at each position, in double
     */
    static double[] topK(Tensors tensors, Tensor logP, Tensor logQ, int[] positions, int k) {
        int kept = (int) Math.min(k, logP.shape().dim(-1));
        int[] top = tensors.topK(logP, kept).indices().toIntArray();
        int[] rows = new int[positions.length * kept];
        int[] ids = new int[rows.length];
        for (int i = 0; i < positions.length; i++) {
            for (int j = 0; j < kept; j++) {
                rows[i * kept + j] = positions[i];
                ids[i * kept + j] = top[positions[i] * kept + j];
            }
        }
        float[] p = TeacherForcing.pick(tensors, logP, rows, ids);
        float[] q = TeacherForcing.pick(tensors, logQ, rows, ids);
        double[] divergence = new double[positions.length];
        for (int i = 0; i < positions.length; i++) {
            double sum = 0;
            double massP = 0;
            double massQ = 0;
            for (int j = i * kept; j < (i + 1) * kept; j++) {
                double pj = StrictMath.exp(p[j]);
                massP += pj;
                massQ += StrictMath.exp(q[j]);
                sum += pj * ((double) p[j] - q[j]);
            }
            divergence[i] = sum + rest(1 - massP, 1 - massQ);
        }
        return divergence;
    }

    /**
     * The "everything else" bucket's term {@code a log(a / b)}. The masses are {@code 1 -} sums of F32
     * probabilities, whose rounding is about {@link #TAIL_RESOLUTION}: a reference tail below it counts
     * as none (it is none at {@code k = V}), and a model tail below it as that resolution.
     */
    private static double rest(double a, double b) {
        if (a < TAIL_RESOLUTION) {
            return 0;
        }
        return a * StrictMath.log(a / Math.max(b, TAIL_RESOLUTION));
    }
}
