package dev.presso.plugins.obs.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * SparseGPT: the OBS sweep with pruning by the score {@code w^2 / U_jj^2}.
 *
 * <p>Unstructured: the layer prunes exactly {@code Z = round(s * out * in)} weights (half up; for
 * a level {@code sparsity-Z} of value {@code Z / (out * in)}, exactly {@code Z}), split over the
 * column blocks in proportion to their sizes by largest remainder ({@link BlockQuota}); at the
 * start of each block its quota of lowest score is pruned (one threshold per block, shared by all
 * rows; ties toward the lower row-major position). A kept weight is never stored as zero (one
 * that rounds to F16 zero is stored as the smallest F16 step of its sign), so the zero count of
 * the decoded weight is exactly {@code Z}. Payload: {@code values}, the kept weights in
 * F16, row-major, {@code [nnz]}; {@code mask.0}, I1 {@code [out, in]}, 1 = kept. Cost exactly
 * {@code 16 * nnz + out * in} bits, {@code nnz} summed over the blocks.
 *
 * <p>N:M: at every {@code M}-th column each row prunes the {@code M - N} lowest scores of the next
 * {@code M} columns. Payload: {@code values} (F16 {@code [out * in / M, N]}) and the positions of the
 * kept weights in their group, ascending, as {@code ceil(log2 M)} one-bit planes {@code indices.p};
 * cost exactly {@code out * (in / M) * N * (16 + ceil(log2 M))} bits.
 */
public final class SparseGptMethod extends ObsMethod {
    /** The method's id. */
    public static final String ID = "sparsegpt";
    /** The pattern setting's value for unstructured sparsity. */
    public static final String UNSTRUCTURED = "unstructured";
    /** The name prefix of sparsity levels; unstructured SparseGPT accepts any {@code sparsity-*} level in [0, 1]. */
    public static final String SPARSITY_PREFIX = "sparsity-";

    private final int kept;
    private final int group;

    /**
     * Creates the method.
     *
     * @param kept {@code N} of an N:M pattern, 0 for unstructured sparsity
     * @param group {@code M} of an N:M pattern, 0 for unstructured sparsity
     * @param damp the relative Hessian damping
     */
    public SparseGptMethod(int kept, int group, double damp) {
        super(ID, group == 0 ? tenths() : List.of(fraction(1.0 - (double) kept / group)), damp);
        this.kept = kept;
        this.group = group;
    }

    private static List<Level> tenths() {
        List<Level> levels = new ArrayList<>();
        for (int t = 1; t <= 9; t++) {
            levels.add(fraction(t / 10.0));
        }
        return levels;
    }

    private static Level fraction(double value) {
        BigDecimal decimal = new BigDecimal(Double.toString(value)).stripTrailingZeros();
        if (decimal.scale() < 2) {
            decimal = decimal.setScale(2);
        }
        return new Level("sparsity-" + decimal.toPlainString(), value);
    }

    /**
     * Returns how many of a layer's {@code n} weights a level prunes: for the listed levels of
     * tenths {@code round(n * s)} half up in exact integer arithmetic, for any other sparsity level
     * {@code round(value * n)} (a database's {@code sparsity-Z} level of value {@code Z / n} gives
     * {@code Z}).
     */
    private long pruned(long n, Level level) {
        if (levels().contains(level)) {
            return (Math.round(level.value() * 10) * n + 5) / 10;
        }
        return Math.round(level.value() * n);
    }

    private long keptWeights(long outFeatures, long inFeatures, Level level) {
        long n = outFeatures * inFeatures;
        return n - pruned(n, level);
    }

    @Override
    protected boolean offers(Level level) {
        return levels().contains(level) || (group == 0 && level.name().startsWith(SPARSITY_PREFIX)
                && level.value() >= 0 && level.value() <= 1);
    }

    private int indexBits() {
        return 32 - Integer.numberOfLeadingZeros(group - 1);
    }

    private void requireDivides(long outFeatures, long inFeatures) {
        if (inFeatures % group != 0) {
            throw new PressoException(ID + ": pattern " + kept + ":" + group + " prunes runs of " + group
                    + " input columns, but the layer [" + outFeatures + " x " + inFeatures + "] has " + inFeatures
                    + "; expected in_features divisible by " + group);
        }
    }

    @Override
    protected long cost(long outFeatures, long inFeatures, Level level) {
        if (group == 0) {
            return 16 * keptWeights(outFeatures, inFeatures, level) + outFeatures * inFeatures;
        }
        requireDivides(outFeatures, inFeatures);
        return outFeatures * (inFeatures / group) * kept * (16 + indexBits());
    }

    @Override
    protected OperatorPayload encode(double[][] weights, double[][] factor, Level level, PayloadTensors payload) {
        int out = weights.length;
        int in = factor.length;
        boolean[][] pruned = new boolean[out][in];
        long n = (long) out * in;
        ObsSweep.sweep(weights, factor, group == 0 ? new BlockRule(BlockQuota.split(pruned(n, level), out, in),
                pruned) : new GroupRule(pruned));
        String pattern = group == 0 ? UNSTRUCTURED : kept + ":" + group;
        Map<String, String> attributes = Map.of("pattern", pattern, "sparsity", Double.toString(level.value()));
        if (group == 0) {
            float[] values = new float[Math.toIntExact(keptWeights(out, in, level))];
            float[] mask = new float[out * in];
            int v = 0;
            for (int r = 0; r < out; r++) {
                for (int c = 0; c < in; c++) {
                    if (!pruned[r][c]) {
                        mask[r * in + c] = 1;
                        values[v++] = PayloadTensors.nonzeroHalf(weights[r][c]);
                    }
                }
            }
            int[] bits = new int[mask.length];
            for (int i = 0; i < mask.length; i++) {
                bits[i] = (int) mask[i];
            }
            Map<String, Tensor> stored = new LinkedHashMap<>();
            stored.put("values", payload.half(values, Shape.of(values.length)));
            stored.putAll(payload.planes("mask", bits, Shape.of(out, in), 1));
            return new OperatorPayload(stored, attributes);
        }
        int runs = out * in / group;
        float[] values = new float[runs * kept];
        int[] positions = new int[runs * kept];
        for (int run = 0; run < runs; run++) {
            int r = run * group / in;
            int start = run * group % in;
            int k = 0;
            for (int p = 0; p < group; p++) {
                if (!pruned[r][start + p]) {
                    values[run * kept + k] = (float) weights[r][start + p];
                    positions[run * kept + k++] = p;
                }
            }
        }
        Map<String, Tensor> stored = new LinkedHashMap<>(
                payload.planes("indices", positions, Shape.of(runs, kept), indexBits()));
        stored.put("values", payload.half(values, Shape.of(runs, kept)));
        return new OperatorPayload(stored, attributes);
    }

    @Override
    protected float[] decode(long outFeatures, long inFeatures, OperatorPayload payload, PayloadTensors reader) {
        String pattern = reader.attribute(payload, "pattern");
        String expected = group == 0 ? UNSTRUCTURED : kept + ":" + group;
        if (!pattern.equals(expected)) {
            throw new PressoException(ID + ": payload attribute 'pattern' is \"" + pattern + "\"; expected \""
                    + expected + "\", the pattern this method is configured with");
        }
        int out = Math.toIntExact(outFeatures);
        int in = Math.toIntExact(inFeatures);
        float[] weight = new float[out * in];
        if (group == 0) {
            int[] mask = reader.codes(payload, "mask", 1, Shape.of(out, in));
            int nonzeros = IntStream.of(mask).sum();
            float[] values = reader.halfValues(payload, "values", Shape.of(nonzeros));
            reader.requireOnly(payload, Set.of("values", "mask.0"));
            int v = 0;
            for (int i = 0; i < weight.length; i++) {
                weight[i] = mask[i] == 0 ? 0f : values[v++];
            }
            return weight;
        }
        requireDivides(outFeatures, inFeatures);
        int runs = out * in / group;
        Shape shape = Shape.of(runs, kept);
        float[] values = reader.halfValues(payload, "values", shape);
        int[] positions = reader.codes(payload, "indices", indexBits(), shape);
        Set<String> names = new HashSet<>(Set.of("values"));
        for (int p = 0; p < indexBits(); p++) {
            names.add("indices." + p);
        }
        reader.requireOnly(payload, names);
        for (int run = 0; run < runs; run++) {
            int previous = -1;
            for (int k = 0; k < kept; k++) {
                int position = positions[run * kept + k];
                if (position <= previous || position >= group) {
                    throw new PressoException(ID + ": payload tensor 'indices' holds position " + position + " after "
                            + previous + " in group " + run + "; expected " + kept + " ascending positions below "
                            + group);
                }
                previous = position;
                weight[run * group + position] = values[run * kept + k];
            }
        }
        return weight;
    }

    /**
     * Unstructured: at the start of each column block its quota of the layer's pruned weights
     * ({@link BlockQuota}) with the lowest scores, over all rows (ties toward the lower row-major
     * position).
     */
    private static final class BlockRule implements ColumnRule {
        private final long[] quota;
        private final boolean[][] pruned;

        BlockRule(long[] quota, boolean[][] pruned) {
            this.quota = quota;
            this.pruned = pruned;
        }

        @Override
        public void beginBlock(double[][] weights, int start, int end, double[][] factor) {
            int width = end - start;
            int n = weights.length * width;
            double[] scores = new double[n];
            for (int r = 0; r < weights.length; r++) {
                for (int c = start; c < end; c++) {
                    double w = weights[r][c] / factor[c][c];
                    scores[r * width + c - start] = w * w;
                }
            }
            IntStream.range(0, n).boxed().sorted(Comparator.comparingDouble((Integer i) -> scores[i])
                    .thenComparingInt(i -> i)).limit(quota[start / ObsSweep.BLOCK])
                    .forEach(i -> pruned[i / width][start + i % width] = true);
        }

        @Override
        public double[] compress(double[][] weights, int column) {
            double[] kept = new double[weights.length];
            for (int r = 0; r < weights.length; r++) {
                kept[r] = pruned[r][column] ? 0 : weights[r][column];
            }
            return kept;
        }
    }

    /** N:M: each row prunes the {@code M - N} lowest scores of every run of {@code M} columns. */
    private final class GroupRule implements ColumnRule {
        private final boolean[][] pruned;
        private double[][] factor = new double[0][0];

        GroupRule(boolean[][] pruned) {
            this.pruned = pruned;
        }

        @Override
        public void beginBlock(double[][] weights, int start, int end, double[][] inverseFactor) {
            factor = inverseFactor;
        }

        @Override
        public double[] compress(double[][] weights, int column) {
            if (column % group == 0) {
                for (int r = 0; r < weights.length; r++) {
                    double[] row = weights[r];
                    boolean[] rowPruned = pruned[r];
                    IntStream.range(column, column + group).boxed()
                            .sorted(Comparator.comparingDouble((Integer c) -> Math.abs(row[c] / factor[c][c]))
                                    .thenComparingInt(c -> c))
                            .limit(group - kept).forEach(c -> rowPruned[c] = true);
                }
            }
            double[] result = new double[weights.length];
            for (int r = 0; r < weights.length; r++) {
                result[r] = pruned[r][column] ? 0 : weights[r][column];
            }
            return result;
        }
    }
}
