package dev.presso.tck;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.tck.internal.Cases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of {@code reduce} and {@code argMax}: every reduction over every pattern of axes,
 * NaN propagation, million-element sums, and argMax's tie and NaN rules.
 *
 * <p>SUM and MEAN must be within {@link Tolerances#accumulation()} of the sum (or mean) of the
 * magnitudes of the reduced elements; MAX, MIN and argMax are exact.
 *
 * @since 1.0
 */
public interface ReductionContract extends BackendContract {
    /**
     * Every reduction matches the reference over single axes, several axes and all axes.
     *
     * @param pair the backends
     * @return one test per reduction and axis pattern
     */
    @TestFactory
    default Stream<DynamicTest> reduceMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        Shape[][] patterns = {
            {Shape.of(1), Shape.of(1)},
            {Shape.of(172), Shape.of(1)},
            {Shape.of(5, 172), Shape.of(5, 1)},
            {Shape.of(5, 172), Shape.of(1, 172)},
            {Shape.of(3, 4, 5), Shape.of(3, 1, 5)},
            {Shape.of(3, 4, 5), Shape.of(1, 4, 1)},
            {Shape.of(3, 4, 5), Shape.of(1, 1, 1)},
            {Shape.of(3, 4, 5), Shape.of(3, 4, 5)},
            {Shape.of(2, 1, 7), Shape.of(2, 1, 1)},
            {Shape.of(33, 4099), Shape.of(33, 1)},
        };
        for (ReduceOp op : ReduceOp.values()) {
            for (Shape[] io : patterns) {
                cases.add("reduce " + op + " " + io[0] + " -> " + io[1],
                        () -> checkReduce(pair, op, io[0], io[1], false));
            }
            if (pair.large()) {
                cases.add("reduce " + op + " over 2^20 elements",
                        () -> checkReduce(pair, op, Shape.of(1 << 20), Shape.of(1), false));
                cases.add("reduce " + op + " [1024, 1024] -> [1, 1024]",
                        () -> checkReduce(pair, op, Shape.of(1024, 1024), Shape.of(1, 1024), false));
            }
        }
        return cases.stream();
    }

    /**
     * NaN in any reduced element makes the result NaN, for every reduction; other groups are
     * unaffected.
     *
     * @param pair the backends
     * @return one test per reduction
     */
    @TestFactory
    default Stream<DynamicTest> reducePropagatesNan(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (ReduceOp op : ReduceOp.values()) {
            cases.add("reduce " + op + " with NaN", () -> checkReduce(pair, op, Shape.of(6, 37),
                    Shape.of(6, 1), true));
            cases.add("reduce " + op + " with NaN over columns", () -> checkReduce(pair, op,
                    Shape.of(37, 6), Shape.of(1, 6), true));
        }
        return cases.stream();
    }

    /**
     * ArgMax finds the first largest element, the first NaN if any, on rows of sizes 1 to 4096.
     *
     * @param pair the backends
     * @return the cases
     */
    @TestFactory
    default Stream<DynamicTest> argMaxMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (Shape shape : new Shape[] {Shape.of(1), Shape.of(172), Shape.of(5, 33),
            Shape.of(2, 3, 4099), Shape.of(16, 4096)}) {
            cases.add("argMax " + shape, () -> checkArgMax(pair, pair.gaussian(shape)));
        }
        cases.add("argMax picks the first of tied maxima", () -> {
            double[] v = pair.gaussianValues(8 * 50, 1.5);
            for (int i = 0; i < v.length; i++) {
                v[i] = Math.rint(v[i]);
            }
            checkArgMax(pair, pair.upload(v, DType.F32, Shape.of(8, 50)));
        });
        cases.add("argMax picks the first NaN", () -> {
            double[] v = pair.gaussianValues(4 * 20, 1);
            v[5] = Double.NaN;
            v[20 + 3] = Double.NaN;
            v[20 + 9] = Double.NaN;
            v[40 + 19] = Double.NaN;
            v[60] = Double.POSITIVE_INFINITY;
            checkArgMax(pair, pair.upload(v, DType.F32, Shape.of(4, 20)));
        });
        return cases.stream();
    }

    /**
     * Reductions and argMax reject outputs of the wrong rank, shape or dtype.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> reductionRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("reduce rejects an output of another rank", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray out = pair.zeros(DType.F32, Shape.of(4));
            pair.assertRejected("reduce [4,3] -> [4]",
                    s -> s.backend().reduce(ReduceOp.SUM, s.get(x), s.get(out)));
        });
        cases.add("reduce rejects an output dimension that is neither equal nor 1", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 1));
            pair.assertRejected("reduce [4,3] -> [2,1]",
                    s -> s.backend().reduce(ReduceOp.MAX, s.get(x), s.get(out)));
        });
        cases.add("argMax rejects an F32 output", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray out = pair.zeros(DType.F32, Shape.of(4));
            pair.assertRejected("argMax into F32", s -> s.backend().argMax(s.get(x), s.get(out)));
        });
        cases.add("argMax rejects an output that keeps the last dimension", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray out = pair.zeros(DType.I32, Shape.of(4, 1));
            pair.assertRejected("argMax [4,3] -> [4,1]",
                    s -> s.backend().argMax(s.get(x), s.get(out)));
        });
        return cases.stream();
    }

    private static void checkArgMax(BackendPair pair, PairedArray x) {
        long[] dims = x.shape().toArray();
        Shape outShape = Shape.of(java.util.Arrays.copyOf(dims, dims.length - 1));
        PairedArray out = pair.output(DType.I32, outShape);
        pair.run(s -> s.backend().argMax(s.get(x), s.get(out)));
        pair.assertExact("argMax", out);
    }

    private static void checkReduce(BackendPair pair, ReduceOp op, Shape in, Shape outShape,
            boolean withNan) {
        double[] v = pair.gaussianValues(Math.toIntExact(in.size()), 3);
        if (withNan) {
            v[v.length / 2] = Double.NaN;
        }
        PairedArray x = pair.upload(v, DType.F32, in);
        PairedArray out = pair.output(DType.F32, outShape);
        pair.run(s -> s.backend().reduce(op, s.get(x), s.get(out)));
        String what = "reduce " + op + " " + in + " -> " + outShape;
        if (op == ReduceOp.MAX || op == ReduceOp.MIN) {
            pair.assertExact(what, out);
            return;
        }
        double[] magnitudes;
        var ref = pair.reference();
        float[] abs = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            abs[i] = (float) Math.abs(v[i]);
        }
        try (DeviceArray absX = ref.fromFloats(abs, in);
                DeviceArray sum = ref.allocate(DType.F32, outShape)) {
            ref.reduce(op, absX, sum);
            magnitudes = BackendPair.values(ref, sum);
        }
        for (int i = 0; i < magnitudes.length; i++) {
            magnitudes[i] = pair.tolerances().accumulation() * magnitudes[i] + 1e-30;
        }
        pair.assertWithin(what, out, magnitudes);
    }
}
