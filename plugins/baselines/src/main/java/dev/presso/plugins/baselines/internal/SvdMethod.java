package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Svd;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Truncated-SVD low rank {@code W ~ A B}, {@code A [out, r]} and {@code B [r, in]} stored in F16,
 * applied as {@code (x B^T) A^T}.
 *
 * <p>A level keeps a fraction {@code f} of the dense parameter count:
 * {@code r = max(1, floor(f * out * in / (out + in)))}, computed exactly in integers from the
 * level's tenths; cost exactly {@code 16 * r * (out + in)} bits.
 *
 * <p>Plain: {@code W = U S V^T}, {@code A = U_r sqrt(S_r)}, {@code B = sqrt(S_r) V_r^T}, the best
 * rank-r approximation in Frobenius norm (Eckart–Young). Whitened: with the calibration Gram
 * {@code G = X^T X} and {@code G + lambda I = L L^T} (Cholesky, {@code lambda = damp * mean(diag G)}),
 * the SVD of {@code W L = U S V^T} is truncated and un-whitened, {@code A = U_r sqrt(S_r)},
 * {@code B = sqrt(S_r) V_r^T L^-1} (a triangular solve), which minimizes the output error
 * {@code ||X (W - A B)^T||_F} up to the damping (SVD-LLM's truncation-aware whitening). Splitting
 * {@code sqrt(S_r)} over both factors keeps their magnitudes alike for F16.
 */
public final class SvdMethod extends BaselineMethod {
    /** The method's id. */
    public static final String ID = "svd";
    private static final List<Level> LEVELS = Levels.tenths("params", 9, 8, 7, 6, 5, 4, 3, 2, 1);

    private final boolean whitened;
    private final double damp;

    /**
     * Creates the method.
     *
     * @param whitened whether to whiten with the calibration Gram
     * @param damp the relative damping of the Gram's diagonal when whitened
     */
    public SvdMethod(boolean whitened, double damp) {
        super(ID, LEVELS);
        this.whitened = whitened;
        this.damp = damp;
    }

    /**
     * Returns the rank a level keeps for a layer.
     *
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param level a level of this method
     * @return {@code max(1, floor(f * out * in / (out + in)))}
     */
    public static long rank(long outFeatures, long inFeatures, Level level) {
        long tenths = Levels.tenthsOf(level);
        return Math.max(1, Math.multiplyExact(tenths, Math.multiplyExact(outFeatures, inFeatures))
                / (10 * (outFeatures + inFeatures)));
    }

    @Override
    protected long cost(long outFeatures, long inFeatures, Level level) {
        return 16 * rank(outFeatures, inFeatures, level) * (outFeatures + inFeatures);
    }

    @Override
    protected OperatorPayload encode(String site, Tensor weight, Level level, Calibration calibration,
            Tensors tensors) {
        long out = weight.shape().dim(0);
        long in = weight.shape().dim(1);
        long rank = rank(out, in, level);
        @Nullable Whitening whitening = whitened
                ? Whitening.of(tensors, gram(site, calibration, in), damp, site) : null;
        Svd svd = tensors.svd(whitening == null ? weight : weight.matmul(whitening.cholesky()), false);
        Tensor root = svd.s().slice(0, 0, rank).map(UnaryOp.SQRT);
        Tensor a = svd.u().slice(1, 0, rank).mul(root.reshape(1, rank));
        Tensor b = svd.vt().slice(0, 0, rank).mul(root.reshape(rank, 1));
        if (whitening != null) {
            b = whitening.unwhiten(tensors, b);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("rank", Long.toString(rank));
        attributes.put("whitened", Boolean.toString(whitened));
        if (whitening != null) {
            attributes.put("damp", Double.toString(damp));
        }
        return new OperatorPayload(Map.of("a", a.cast(DType.F16), "b", b.cast(DType.F16)), attributes);
    }

    private static Tensor gram(String site, Calibration calibration, long in) {
        Tensor gram = calibration.gram().orElseThrow(() -> new PressoException(ID + ": layer " + site
                + ": whitened=true needs the calibration Gram matrix of the layer's inputs, but none was"
                + " collected; put a calibrate stage before this compress stage, or set whitened=false"));
        if (!gram.shape().equals(Shape.of(in, in))) {
            throw new PressoException(ID + ": layer " + site + ": the calibration Gram matrix is " + gram.shape()
                    + "; expected [" + in + ", " + in + "], the layer's input width");
        }
        return gram.dtype() == DType.F32 ? gram : gram.cast(DType.F32);
    }

    @Override
    protected ComputeForm decode(long outFeatures, long inFeatures, PayloadReader payload, Tensors tensors) {
        int rank = payload.integer("rank", 1, Math.toIntExact(Math.min(outFeatures, inFeatures)));
        payload.bool("whitened");
        Tensor a = payload.tensor("a", DType.F16, Shape.of(outFeatures, rank)).cast(DType.F32);
        Tensor b = payload.tensor("b", DType.F16, Shape.of(rank, inFeatures)).cast(DType.F32);
        return new ComputeForm.LowRank(a, b);
    }
}
