package dev.presso.tck;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.tck.internal.Cases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of every {@link dev.presso.kernel.tensor.QuantKernels} kernel: casts between every
 * pair of F32, F16, BF16, I32, I8 and U8 (rounding, saturation, NaN, infinities, subnormals),
 * and group-wise quantization into 1-, 2-, 4- and 8-bit codes and back, checking the packed bit
 * layout of {@link DType}.
 *
 * <p>Casts and codes are exact (a code may be off by one only within {@code 1e-4} of a rounding
 * boundary); dequantized values are within {@link Tolerances#elementwise()}. Integer-to-integer
 * casts are checked only for values the target can hold: the contract leaves overflow open.
 *
 * @since 1.0
 */
public interface QuantKernelsContract extends BackendContract {
    /** The dtypes {@code cast} converts between. */
    DType[] CASTABLE = {DType.F32, DType.F16, DType.BF16, DType.I32, DType.I8, DType.U8};

    /**
     * Every pair of castable dtypes converts exactly as the reference does.
     *
     * @param pair the backends
     * @return one test per source and target dtype
     */
    @TestFactory
    default Stream<DynamicTest> castConvertsEveryPair(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (DType from : CASTABLE) {
            for (DType to : CASTABLE) {
                cases.add("cast " + from + " -> " + to, () -> {
                    double[] v = castInputs(pair, from, to);
                    PairedArray x = pair.upload(v, from, Shape.of(v.length));
                    PairedArray out = pair.output(to, x.shape());
                    pair.run(s -> s.backend().cast(s.get(x), s.get(out)));
                    pair.assertExact("cast " + from + " -> " + to, out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Quantization produces the reference codes for every code width and group layout,
     * including a group with scale zero.
     *
     * @param pair the backends
     * @return one test per code type and layout
     */
    @TestFactory
    default Stream<DynamicTest> quantizeMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] layouts = {{1, 1, 1}, {4, 64, 4}, {3, 172, 1}, {5, 128, 32}, {7, 33, 3}, {64, 4096, 32}};
        for (DType codes : new DType[] {DType.I1, DType.I2, DType.I4, DType.U8}) {
            for (int[] rcg : layouts) {
                cases.add("quantize [" + rcg[0] + ", " + rcg[1] + "] in " + rcg[2] + " groups to " + codes,
                        () -> checkQuantize(pair, codes, rcg[0], rcg[1], rcg[2]));
            }
        }
        return cases.stream();
    }

    /**
     * Dequantization reconstructs {@code (q - zero) * scale} for every code width.
     *
     * @param pair the backends
     * @return one test per code type and layout
     */
    @TestFactory
    default Stream<DynamicTest> dequantizeMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] layouts = {{1, 1, 1}, {3, 172, 1}, {5, 128, 32}, {7, 33, 3}};
        for (DType codes : new DType[] {DType.I1, DType.I2, DType.I4, DType.U8}) {
            for (int[] rcg : layouts) {
                cases.add("dequantize " + codes + " [" + rcg[0] + ", " + rcg[1] + "] in " + rcg[2] + " groups", () -> {
                    int levels = 1 << codes.bits();
                    double[] q = new double[rcg[0] * rcg[1]];
                    for (int i = 0; i < q.length; i++) {
                        q[i] = pair.random().nextInt(levels);
                    }
                    PairedArray c = pair.upload(q, codes, Shape.of(rcg[0], rcg[1]));
                    PairedArray scales = pair.uniform(Shape.of(rcg[0], rcg[2]), 0.01, 2);
                    PairedArray zeros = pair.uniform(Shape.of(rcg[0], rcg[2]), -1, levels);
                    PairedArray out = pair.output(DType.F32, c.shape());
                    pair.run(s -> s.backend().dequantize(s.get(c), s.get(scales), s.get(zeros), s.get(out)));
                    pair.assertClose("dequantize " + codes, out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Quantization kernels reject non-code outputs, groups that do not divide the columns and
     * parameters of the wrong shape; cast rejects packed dtypes and shape changes.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> quantRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("quantize rejects an F32 output", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 8));
            PairedArray p = pair.zeros(DType.F32, Shape.of(2, 2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 8));
            pair.assertRejected("quantize into F32",
                    s -> s.backend().quantize(s.get(x), s.get(p), s.get(p), s.get(out)));
        });
        cases.add("quantize rejects groups that do not divide the columns", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 8));
            PairedArray p = pair.zeros(DType.F32, Shape.of(2, 3));
            PairedArray out = pair.zeros(DType.I4, Shape.of(2, 8));
            pair.assertRejected("quantize 8 columns in 3 groups",
                    s -> s.backend().quantize(s.get(x), s.get(p), s.get(p), s.get(out)));
        });
        cases.add("dequantize rejects parameters with the wrong row count", () -> {
            PairedArray q = pair.zeros(DType.I4, Shape.of(2, 8));
            PairedArray p = pair.zeros(DType.F32, Shape.of(3, 2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 8));
            pair.assertRejected("dequantize with scales [3,2] for [2,8]",
                    s -> s.backend().dequantize(s.get(q), s.get(p), s.get(p), s.get(out)));
        });
        cases.add("cast rejects a packed target", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(8));
            PairedArray out = pair.zeros(DType.I4, Shape.of(8));
            pair.assertRejected("cast F32 -> I4", s -> s.backend().cast(s.get(x), s.get(out)));
        });
        cases.add("cast rejects a different shape", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(8));
            PairedArray out = pair.zeros(DType.F16, Shape.of(2, 4));
            pair.assertRejected("cast [8] -> [2,4]", s -> s.backend().cast(s.get(x), s.get(out)));
        });
        return cases.stream();
    }

    private static void checkQuantize(BackendPair pair, DType codes, int rows, int cols, int groups) {
        int levels = (1 << codes.bits()) - 1;
        int groupSize = cols / groups;
        double[] x = pair.gaussianValues(rows * cols, 2);
        double[] scales = new double[rows * groups];
        double[] zeros = new double[rows * groups];
        for (int g = 0; g < scales.length; g++) {
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < groupSize; j++) {
                double v = x[g * groupSize + j];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            // a slightly narrower range than the data, so that some codes clamp
            scales[g] = (float) Math.max((max - min) / levels * 0.9, 1e-3);
            zeros[g] = (float) (-min / scales[g] + pair.random().nextDouble(-0.5, 0.5));
        }
        if (scales.length > 1) {
            scales[1] = 0;
            zeros[1] = 2.5f;
        }
        PairedArray px = pair.upload(x, DType.F32, Shape.of(rows, cols));
        PairedArray ps = pair.upload(scales, DType.F32, Shape.of(rows, groups));
        PairedArray pz = pair.upload(zeros, DType.F32, Shape.of(rows, groups));
        PairedArray out = pair.output(codes, px.shape());
        pair.run(s -> s.backend().quantize(s.get(px), s.get(ps), s.get(pz), s.get(out)));
        double[] xs = pair.expectedValues(px);
        double[] ss = pair.expectedValues(ps);
        double[] zs = pair.expectedValues(pz);
        double[] bounds = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            int g = i / groupSize;
            double t = ss[g] == 0 ? zs[g] : xs[i] / ss[g] + zs[g];
            double fraction = t - Math.floor(t);
            bounds[i] = Math.abs(fraction - 0.5) < 1e-4 ? 1 : 0;
        }
        pair.assertWithin("quantize to " + codes, out, bounds);
    }

    /** Returns inputs for a cast: special values for float sources, in-range integers otherwise. */
    private static double[] castInputs(BackendPair pair, DType from, DType to) {
        java.util.List<Double> values = new java.util.ArrayList<>();
        if (from.isFloatingPoint()) {
            double[] special = {0, -0.0, 0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 3.5, 127.5, 128, 255.5,
                256, -128.5, -129, 300, -300, 65504, 65519, 65520, 1e5, 6e-8, 3e-8, 1e-40,
                2147483520.0, 3e9, -3e9, 1e30, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, Double.NaN};
            for (double v : special) {
                values.add(v);
            }
            for (double scale : new double[] {1, 100, 1e5, 1e-5}) {
                for (double v : pair.gaussianValues(64, scale)) {
                    values.add(v);
                }
            }
            for (int i = 0; i < 64; i++) {
                // floats exactly halfway between two bfloat16 values
                int bits = (pair.random().nextInt(0x3000, 0x4F00) << 16) | 0x8000;
                values.add((double) Float.intBitsToFloat(bits));
            }
        } else {
            double low = Math.max(integerMin(from), to.isFloatingPoint() ? -(1 << 24) : integerMin(to));
            double high = Math.min(integerMax(from), to.isFloatingPoint() ? 1 << 24 : integerMax(to));
            for (int i = 0; i < 256; i++) {
                values.add(Math.floor(pair.random().nextDouble(low, high + 1)));
            }
            values.add(low);
            values.add(high);
            values.add(0.0);
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double integerMin(DType dtype) {
        return switch (dtype) {
            case I32 -> Integer.MIN_VALUE;
            case I8 -> Byte.MIN_VALUE;
            default -> 0;
        };
    }

    private static double integerMax(DType dtype) {
        return switch (dtype) {
            case I32 -> Integer.MAX_VALUE;
            case I8 -> Byte.MAX_VALUE;
            default -> 255;
        };
    }
}
