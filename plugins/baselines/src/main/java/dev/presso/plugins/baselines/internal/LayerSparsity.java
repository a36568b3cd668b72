package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Unstructured pruning with one threshold per layer and an exact zero count: the layer loses
 * exactly {@code Z} weights of smallest magnitude (ties toward the lower row-major position),
 * {@code Z = round(s * out * in)} half up for the levels of tenths, and {@code round(value * n)}
 * for any other level named {@code sparsity-*} with a value in [0, 1] (a level database's
 * {@code sparsity-Z} of value {@code Z / n} gives exactly {@code Z}). A kept weight is never
 * stored as zero: one that rounds to F16 zero is stored as the smallest F16 step of its sign.
 *
 * <p>Payload: {@code values}, the kept weights in F16, row-major, {@code [n - Z]}; {@code mask},
 * one bit per original weight ({@link DType#I1} {@code [out, in]}, 1 = kept). Cost exactly
 * {@code 16 * (n - Z) + n} bits.
 */
record LayerSparsity() implements SparsityPattern {
    private static final List<Level> LEVELS = Levels.tenths("sparsity", 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private static final String PREFIX = "sparsity-";

    @Override
    public String text() {
        return LAYER;
    }

    @Override
    public List<Level> levels() {
        return LEVELS;
    }

    @Override
    public boolean offers(Level level) {
        return LEVELS.contains(level) || (level.name().startsWith(PREFIX) && level.value() >= 0
                && level.value() <= 1);
    }

    /** Returns the weights a layer of {@code n} loses at a level. */
    static long zeros(long n, Level level) {
        if (LEVELS.contains(level)) {
            return (Levels.tenthsOf(level) * n + 5) / 10;
        }
        return Math.round(level.value() * n);
    }

    @Override
    public long cost(String method, long outFeatures, long inFeatures, Level level) {
        long n = outFeatures * inFeatures;
        return 16 * (n - zeros(n, level)) + n;
    }

    @Override
    public OperatorPayload encode(Tensors tensors, Tensor weight, Level level) {
        long out = weight.shape().dim(0);
        long in = weight.shape().dim(1);
        float[] w = weight.toFloatArray();
        int pruned = Math.toIntExact(zeros(w.length, level));
        float[] mask = new float[w.length];
        Arrays.fill(mask, 1f);
        IntStream.range(0, w.length).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> Math.abs(w[i])).thenComparingInt(i -> i))
                .limit(pruned).forEach(i -> mask[i] = 0f);
        float smallest = Float.float16ToFloat((short) 1);
        float[] values = new float[w.length - pruned];
        int v = 0;
        for (int i = 0; i < w.length; i++) {
            if (mask[i] != 0) {
                boolean underflows = Float.float16ToFloat(Float.floatToFloat16(w[i])) == 0;
                values[v++] = underflows ? Math.copySign(smallest, w[i]) : w[i];
            }
        }
        Tensor stored = tensors.of(values, Shape.of(values.length)).cast(DType.F16);
        Tensor bits = Kernels.pack(tensors, tensors.of(mask, Shape.of(out, in)), DType.I1);
        return new OperatorPayload(Map.of("values", stored, "mask", bits), Map.of());
    }

    @Override
    public Tensor decode(Tensors tensors, long outFeatures, long inFeatures, PayloadReader payload) {
        float[] mask = Kernels.unpack(tensors, payload.tensor("mask", DType.I1, Shape.of(outFeatures, inFeatures)))
                .toFloatArray();
        long kept = 0;
        for (float m : mask) {
            kept += m != 0 ? 1 : 0;
        }
        long stored = payload.shapeOf("values", DType.F16, 1).dim(0);
        if (stored != kept) {
            throw new PressoException("magnitude: payload tensor 'values' holds " + stored + " weights but 'mask' keeps "
                    + kept + "; expected one value per kept weight");
        }
        float[] values = payload.tensor("values", DType.F16, Shape.of(kept)).cast(DType.F32).toFloatArray();
        float[] weight = new float[mask.length];
        int v = 0;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                weight[i] = values[v++];
            }
        }
        return tensors.of(weight, Shape.of(outFeatures, inFeatures));
    }
}
