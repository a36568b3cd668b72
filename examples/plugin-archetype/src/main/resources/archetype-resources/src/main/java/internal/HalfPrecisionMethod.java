package ${package}.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The method: the payload is the weight in F16 under {@code weight}; the operator computes with
 * the weight decoded from it, so {@link #restore} rebuilds exactly what {@link #compress} made.
 */
public final class HalfPrecisionMethod implements CompressionMethod {
    /** The method's id. */
    public static final String ID = "${methodId}";
    private static final Level LEVEL = new Level("16bit", 16);
    private static final String WEIGHT = "weight";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Level> levels() {
        return List.of(LEVEL);
    }

    @Override
    public long costBits(long outFeatures, long inFeatures, Level level) {
        requireLevel(level);
        if (outFeatures < 1 || inFeatures < 1) {
            throw new PressoException(ID + ": a layer of " + outFeatures + " x " + inFeatures
                    + " features has nothing to compress; expected at least 1 x 1");
        }
        return Math.multiplyExact(16L, Math.multiplyExact(outFeatures, inFeatures));
    }

    @Override
    public LinearOperator compress(LinearSite site, Level level, Calibration calibration, PluginContext context) {
        requireLevel(level);
        context.cancellation().throwIfCancelled();
        Tensor weight = site.weight();
        if (weight.shape().rank() != 2 || weight.dtype() != DType.F32) {
            throw new PressoException(ID + ": layer " + site.name() + " has a " + weight.dtype() + " weight "
                    + weight.shape() + "; expected an F32 matrix [out, in]");
        }
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            OperatorPayload payload = new OperatorPayload(Map.of(WEIGHT, weight.cast(DType.F16)), Map.of());
            Operator operator = decode(weight.shape().dim(0), weight.shape().dim(1), payload);
            scope.keep(payload.tensors().get(WEIGHT));
            scope.keep(operator.weight());
            return operator;
        }
    }

    @Override
    public LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload, PluginContext context) {
        Tensors tensors = context.tensors();
        try (GradMode _ = tensors.noGrad(); TensorScope scope = tensors.scope()) {
            Operator operator = decode(outFeatures, inFeatures, payload);
            scope.keep(operator.weight());
            return operator;
        }
    }

    private static Operator decode(long out, long in, OperatorPayload payload) {
        Tensor stored = payload.tensors().get(WEIGHT);
        if (stored == null || !payload.tensors().keySet().equals(Set.of(WEIGHT))) {
            throw new PressoException(ID + ": the payload holds tensors " + payload.tensors().keySet()
                    + "; expected exactly [" + WEIGHT + "]");
        }
        if (stored.dtype() != DType.F16 || !stored.shape().equals(Shape.of(out, in))) {
            throw new PressoException(ID + ": payload tensor '" + WEIGHT + "' is " + stored.dtype() + " "
                    + stored.shape() + "; expected F16 " + Shape.of(out, in));
        }
        return new Operator(out, in, payload, stored.cast(DType.F32));
    }

    private static void requireLevel(Level level) {
        if (!LEVEL.equals(level)) {
            throw new PressoException(ID + ": level " + level.name() + " is not one of this method's levels;"
                    + " expected " + LEVEL.name());
        }
    }

    /**
     * The compressed layer.
     *
     * @param outFeatures the output width
     * @param inFeatures the input width
     * @param payload the saved form
     * @param weight the F32 weight decoded from it
     */
    record Operator(long outFeatures, long inFeatures, OperatorPayload payload, Tensor weight)
            implements LinearOperator {
        @Override
        public Tensor apply(Tensor input) {
            if (input.shape().rank() < 1 || input.shape().dim(-1) != inFeatures) {
                throw new TensorException(ID + ".apply", "expected input [..., " + inFeatures + "], got "
                        + input.shape());
            }
            return input.matmul(weight, false, true);
        }

        @Override
        public long parameterCount() {
            return outFeatures * inFeatures;
        }

        @Override
        public long storageBits() {
            return 16 * parameterCount();
        }

        @Override
        public Tensor denseWeight() {
            return weight;
        }
    }
}
