package dev.presso.plugins.obs.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GPTQ: the OBS sweep with per-row asymmetric min-max quantization of groups of columns. At the
 * first column of each group the grid of every row is fitted on the current, error-updated weights
 * of the group: {@code lo = min(min w, 0)}, {@code hi = max(max w, 0)},
 * {@code scale = (hi - lo) / (2^b - 1)} rounded to F16 (the stored value, so the sweep compensates
 * the error of the grid that is decoded), {@code zero = clamp(round(-lo / scale), 0, 2^b - 1)};
 * {@code q(w) = (clamp(round(w / scale) + zero, 0, 2^b - 1) - zero) * scale}.
 *
 * <p>Payload: {@code codes.0 .. codes.(b-1)} (one-bit planes {@code [out, in]}), {@code scales}
 * (F16 {@code [out, G]}), {@code zeros.0 .. zeros.(b-1)} ({@code [out, G]}); attributes
 * {@code bits} and {@code group-size}. With {@code G = ceil(in / group)} ({@code 1} for group size
 * 0) the cost is exactly {@code b * out * in + out * G * (16 + b)} bits.
 */
public final class GptqMethod extends ObsMethod {
    /** The method's id. */
    public static final String ID = "gptq";
    /** The narrowest code width. */
    public static final int MIN_BITS = 2;
    /** The widest code width. */
    public static final int MAX_BITS = 8;

    private final int groupSize;

    /**
     * Creates the method.
     *
     * @param groupSize input columns per group, 0 for one group per row
     * @param damp the relative Hessian damping
     */
    public GptqMethod(int groupSize, double damp) {
        super(ID, bitLevels(), damp);
        this.groupSize = groupSize;
    }

    private static List<Level> bitLevels() {
        List<Level> levels = new ArrayList<>();
        for (int bits = MAX_BITS; bits >= MIN_BITS; bits--) {
            levels.add(new Level(bits + "bit", bits));
        }
        return levels;
    }

    private static int width(long inFeatures, int groupSize) {
        return groupSize == 0 ? Math.toIntExact(inFeatures) : (int) Math.min(groupSize, inFeatures);
    }

    private static int groups(long inFeatures, int groupSize) {
        int width = width(inFeatures, groupSize);
        return Math.toIntExact((inFeatures + width - 1) / width);
    }

    @Override
    protected long cost(long outFeatures, long inFeatures, Level level) {
        long bits = (long) level.value();
        return bits * outFeatures * inFeatures + outFeatures * groups(inFeatures, groupSize) * (16 + bits);
    }

    @Override
    protected OperatorPayload encode(double[][] weights, double[][] factor, Level level, PayloadTensors payload) {
        int bits = (int) level.value();
        int out = weights.length;
        int in = factor.length;
        Rule rule = new Rule(bits, width(in, groupSize), out, in);
        ObsSweep.sweep(weights, factor, rule);
        int groups = groups(in, groupSize);
        Map<String, Tensor> stored = new LinkedHashMap<>(payload.planes("codes", rule.codes, Shape.of(out, in), bits));
        stored.put("scales", payload.half(rule.scales, Shape.of(out, groups)));
        stored.putAll(payload.planes("zeros", rule.zeros, Shape.of(out, groups), bits));
        return new OperatorPayload(stored, Map.of("bits", Integer.toString(bits),
                "group-size", Integer.toString(groupSize)));
    }

    @Override
    protected float[] decode(long outFeatures, long inFeatures, OperatorPayload payload, PayloadTensors reader) {
        int bits = reader.integer(payload, "bits", MIN_BITS, MAX_BITS);
        int stored = reader.integer(payload, "group-size", 0, Integer.MAX_VALUE);
        int width = width(inFeatures, stored);
        int groups = groups(inFeatures, stored);
        int out = Math.toIntExact(outFeatures);
        int in = Math.toIntExact(inFeatures);
        int[] codes = reader.codes(payload, "codes", bits, Shape.of(out, in));
        float[] scales = reader.halfValues(payload, "scales", Shape.of(out, groups));
        int[] zeros = reader.codes(payload, "zeros", bits, Shape.of(out, groups));
        Set<String> names = new HashSet<>(List.of("scales"));
        for (int p = 0; p < bits; p++) {
            names.add("codes." + p);
            names.add("zeros." + p);
        }
        reader.requireOnly(payload, names);
        float[] weight = new float[out * in];
        for (int r = 0; r < out; r++) {
            for (int c = 0; c < in; c++) {
                int g = r * groups + c / width;
                weight[r * in + c] = (codes[r * in + c] - zeros[g]) * scales[g];
            }
        }
        return weight;
    }

    /** Rounds an F16-representable positive scale; a scale below F16's range becomes its smallest step. */
    static float halfScale(double scale) {
        float half = Float.float16ToFloat(Float.floatToFloat16((float) scale));
        if (!Float.isFinite(half)) {
            throw new PressoException(ID + ": a quantization step of " + scale + " does not fit F16; expected weights"
                    + " within +-65504 * 2^bits");
        }
        return half > 0 ? half : Float.float16ToFloat((short) 1);
    }

    /** The quantizing column rule; it records codes and grids as it goes. */
    private static final class Rule implements ColumnRule {
        private final int maxCode;
        private final int width;
        private final int groups;
        private final int in;
        final int[] codes;
        final float[] scales;
        final int[] zeros;

        Rule(int bits, int width, int out, int in) {
            this.maxCode = (1 << bits) - 1;
            this.width = width;
            this.in = in;
            this.groups = (in + width - 1) / width;
            this.codes = new int[out * in];
            this.scales = new float[out * groups];
            this.zeros = new int[out * groups];
        }

        @Override
        public double[] compress(double[][] weights, int column) {
            int group = column / width;
            if (column % width == 0) {
                fit(weights, column, group);
            }
            double[] quantized = new double[weights.length];
            for (int r = 0; r < weights.length; r++) {
                int g = r * groups + group;
                float scale = scales[g];
                int code = (int) Math.clamp(Math.rint(weights[r][column] / scale) + zeros[g], 0, maxCode);
                codes[r * in + column] = code;
                quantized[r] = (code - zeros[g]) * scale;
            }
            return quantized;
        }

        private void fit(double[][] weights, int start, int group) {
            int end = Math.min(start + width, in);
            for (int r = 0; r < weights.length; r++) {
                double low = 0;
                double high = 0;
                for (int c = start; c < end; c++) {
                    low = Math.min(low, weights[r][c]);
                    high = Math.max(high, weights[r][c]);
                }
                float scale = high > low ? halfScale((high - low) / maxCode) : 1f;
                int g = r * groups + group;
                scales[g] = scale;
                zeros[g] = (int) Math.clamp(Math.rint(-low / scale), 0, maxCode);
            }
        }
    }
}
