package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Round-to-nearest quantization of each group of weights on its own {@link RtnGrid}.
 *
 * <p>Payload: {@code codes} ({@code [out, in]} at {@code bits} bits, see {@link BitPlanes}),
 * {@code scales} (F16 {@code [out, G]}) and, when asymmetric, {@code zeros} ({@code [out, G]} at
 * {@code bits} bits); attributes {@code bits}, {@code group-size}, {@code symmetric}. With
 * {@code G = ceil(in / group)} groups per row ({@code G = 1} for group size 0) the cost is exactly
 * {@code bits * out * in + out * G * (16 + (symmetric ? 0 : bits))} bits.
 */
public final class RtnMethod extends BaselineMethod {
    /** The method's id. */
    public static final String ID = "rtn";
    /** The narrowest code width. */
    public static final int MIN_BITS = 2;
    /** The widest code width. */
    public static final int MAX_BITS = 8;

    private final int groupSize;
    private final boolean symmetric;

    /**
     * Creates the method.
     *
     * @param groupSize input columns per group, 0 for one group per output row
     * @param symmetric whether to use the symmetric absmax grid
     */
    public RtnMethod(int groupSize, boolean symmetric) {
        super(ID, bitLevels());
        this.groupSize = groupSize;
        this.symmetric = symmetric;
    }

    /**
     * Returns the levels, 8 bits down to 2 bits, named {@code 8bit} .. {@code 2bit}.
     *
     * @return the levels, least compressed first
     */
    public static List<Level> bitLevels() {
        List<Level> levels = new ArrayList<>();
        for (int bits = MAX_BITS; bits >= MIN_BITS; bits--) {
            levels.add(new Level(bits + "bit", bits));
        }
        return List.copyOf(levels);
    }

    @Override
    protected long cost(long outFeatures, long inFeatures, Level level) {
        long bits = (long) level.value();
        long groups = ColumnGroups.of(inFeatures, groupSize).count();
        return bits * outFeatures * inFeatures + outFeatures * groups * (16 + (symmetric ? 0 : bits));
    }

    @Override
    protected OperatorPayload encode(String site, Tensor weight, Level level, Calibration calibration,
            Tensors tensors) {
        int bits = (int) level.value();
        RtnGrid grid = new RtnGrid(bits, symmetric);
        List<Tensor> scales = new ArrayList<>();
        List<Tensor> zeros = new ArrayList<>();
        List<Tensor> codes = new ArrayList<>();
        for (Tensor part : ColumnGroups.of(weight.shape().dim(1), groupSize).split(weight)) {
            RtnGrid.Quantized quantized = grid.quantize(part);
            scales.add(quantized.scale());
            zeros.add(quantized.zero());
            codes.add(quantized.codes());
        }
        Map<String, Tensor> stored = new LinkedHashMap<>(
                BitPlanes.pack(tensors, "codes", ColumnGroups.join(tensors, codes), bits));
        stored.put("scales", ColumnGroups.join(tensors, scales).cast(DType.F16));
        if (!symmetric) {
            stored.putAll(BitPlanes.pack(tensors, "zeros", ColumnGroups.join(tensors, zeros), bits));
        }
        return new OperatorPayload(stored, Map.of("bits", Integer.toString(bits),
                "group-size", Integer.toString(groupSize), "symmetric", Boolean.toString(symmetric)));
    }

    @Override
    protected ComputeForm decode(long outFeatures, long inFeatures, PayloadReader payload, Tensors tensors) {
        int bits = payload.integer("bits", MIN_BITS, MAX_BITS);
        ColumnGroups groups = ColumnGroups.of(inFeatures, payload.integer("group-size", 0, Integer.MAX_VALUE));
        boolean symmetricGrid = payload.bool("symmetric");
        Shape parameterShape = Shape.of(outFeatures, groups.count());
        Tensor codes = BitPlanes.unpack(tensors, payload, "codes", bits, Shape.of(outFeatures, inFeatures));
        Tensor scales = payload.tensor("scales", DType.F16, parameterShape).cast(DType.F32);
        Tensor zeros = symmetricGrid ? tensors.full(parameterShape, new RtnGrid(bits, true).symmetricZero())
                : BitPlanes.unpack(tensors, payload, "zeros", bits, parameterShape);
        List<Tensor> codeParts = groups.split(codes);
        List<Tensor> scaleParts = groups.splitParameters(scales);
        List<Tensor> zeroParts = groups.splitParameters(zeros);
        List<Tensor> weights = new ArrayList<>();
        for (int p = 0; p < codeParts.size(); p++) {
            weights.add(RtnGrid.dequantize(codeParts.get(p), scaleParts.get(p), zeroParts.get(p)));
        }
        return new ComputeForm.Dense(ColumnGroups.join(tensors, weights));
    }
}
