package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.tck.internal.Cases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of every {@link dev.presso.kernel.tensor.IndexKernels} kernel: row gathers and
 * their accumulating backward pass with repeated indices, hashed parameter sharing in both
 * directions, and top-k with its tie and NaN rules.
 *
 * <p>Gathers and top-k are exact; accumulations must be within {@link Tolerances#accumulation()}
 * of the sum of magnitudes added into each element.
 *
 * @since 1.0
 */
public interface IndexKernelsContract extends BackendContract {
    /**
     * Gather copies table rows for indices of any shape, repeated indices included.
     *
     * @param pair the backends
     * @return one test per shape
     */
    @TestFactory
    default Stream<DynamicTest> gatherCopiesRows(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] cases3 = {{1, 1}, {50, 172}, {1000, 64}};
        Shape[] indexShapes = {Shape.of(1), Shape.of(3, 7), Shape.scalar(), Shape.of(2, 2, 5)};
        for (int[] vd : cases3) {
            for (Shape indexShape : indexShapes) {
                cases.add("gather [" + vd[0] + ", " + vd[1] + "] by " + indexShape, () -> {
                    PairedArray table = pair.gaussian(Shape.of(vd[0], vd[1]));
                    PairedArray indices = randomIndices(pair, indexShape, vd[0]);
                    PairedArray out = pair.output(DType.F32, withLast(indexShape, vd[1]));
                    pair.run(s -> s.backend().gather(s.get(table), s.get(indices), s.get(out)));
                    pair.assertExact("gather", out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Scatter-add accumulates rows into a non-zero table, in index order, with repeated indices.
     *
     * @param pair the backends
     * @return one test per shape
     */
    @TestFactory
    default Stream<DynamicTest> scatterAddAccumulatesRows(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] tables = {{1, 1}, {5, 172}, {50, 64}};
        for (int[] vd : tables) {
            for (Shape indexShape : new Shape[] {Shape.of(1), Shape.of(4, 9)}) {
                cases.add("scatterAdd into [" + vd[0] + ", " + vd[1] + "] by " + indexShape, () -> {
                    PairedArray indices = randomIndices(pair, indexShape, vd[0]);
                    PairedArray source = pair.gaussian(withLast(indexShape, vd[1]));
                    PairedArray out = pair.gaussian(Shape.of(vd[0], vd[1]));
                    double[] bounds = accumulationBounds(pair, pair.expectedValues(out),
                            pair.expectedValues(source), pair.expectedValues(indices), vd[1]);
                    pair.run(s -> s.backend().scatterAdd(s.get(source), s.get(indices), s.get(out)));
                    pair.assertWithin("scatterAdd", out, bounds);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Hash-gather expands shared parameters with the {@link HashSpec} pattern, bit for bit.
     *
     * @param pair the backends
     * @return one test per size and seed
     */
    @TestFactory
    default Stream<DynamicTest> hashGatherExpandsSharedParameters(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] sizes = {{1, 1, 1}, {37, 17, 172}, {1000, 256, 1024}};
        for (int[] prc : sizes) {
            for (long seed : new long[] {0L, 42L, -7L}) {
                cases.add("hashGather P=" + prc[0] + " into [" + prc[1] + ", " + prc[2] + "] seed " + seed, () -> {
                    PairedArray theta = pair.gaussian(Shape.of(prc[0]));
                    PairedArray out = pair.output(DType.F32, Shape.of(prc[1], prc[2]));
                    HashSpec spec = new HashSpec(seed);
                    pair.run(s -> s.backend().hashGather(s.get(theta), spec, s.get(out)));
                    pair.assertExact("hashGather", out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Hash-scatter-add accumulates a dense matrix into the shared vector through the same hash.
     *
     * @param pair the backends
     * @return one test per size
     */
    @TestFactory
    default Stream<DynamicTest> hashScatterAddAccumulates(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] sizes = {{1, 1, 1}, {37, 17, 172}, {1000, 256, 1024}};
        for (int[] prc : sizes) {
            cases.add("hashScatterAdd [" + prc[1] + ", " + prc[2] + "] into P=" + prc[0], () -> {
                HashSpec spec = new HashSpec(99);
                PairedArray source = pair.gaussian(Shape.of(prc[1], prc[2]));
                PairedArray out = pair.gaussian(Shape.of(prc[0]));
                double[] sv = pair.expectedValues(source);
                double[] bounds = pair.expectedValues(out);
                for (int i = 0; i < bounds.length; i++) {
                    bounds[i] = Math.abs(bounds[i]);
                }
                for (int k = 0; k < sv.length; k++) {
                    bounds[spec.bucket(k, prc[0])] += Math.abs(sv[k]);
                }
                for (int i = 0; i < bounds.length; i++) {
                    bounds[i] = pair.tolerances().accumulation() * bounds[i] + 1e-30;
                }
                pair.run(s -> s.backend().hashScatterAdd(s.get(source), spec, s.get(out)));
                pair.assertWithin("hashScatterAdd", out, bounds);
            });
        }
        return cases.stream();
    }

    /**
     * Top-k returns the k largest values, largest first, with the lower index first on ties and
     * NaN above every number.
     *
     * @param pair the backends
     * @return one test per shape, k and value distribution
     */
    @TestFactory
    default Stream<DynamicTest> topKOrdersLargestFirst(BackendPair pair) {
        Cases cases = new Cases(pair);
        Object[][] shapesAndK = {
            {Shape.of(1), 1}, {Shape.of(172), 1}, {Shape.of(172), 172}, {Shape.of(5, 172), 17},
            {Shape.of(2, 3, 4096), 40}, {Shape.of(3, 9), 4},
        };
        for (Object[] sk : shapesAndK) {
            Shape shape = (Shape) sk[0];
            int k = (int) sk[1];
            cases.add("topK " + k + " of " + shape, () -> checkTopK(pair, pair.gaussian(shape), k));
            cases.add("topK " + k + " of " + shape + " with ties", () -> {
                double[] v = pair.gaussianValues(Math.toIntExact(shape.size()), 1.5);
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.rint(v[i]);
                }
                checkTopK(pair, pair.upload(v, DType.F32, shape), k);
            });
        }
        cases.add("topK with NaN and infinities", () -> {
            double[] v = pair.gaussianValues(2 * 30, 1);
            v[3] = Double.NaN;
            v[17] = Double.NaN;
            v[5] = Double.POSITIVE_INFINITY;
            v[30 + 8] = Double.NEGATIVE_INFINITY;
            v[30 + 9] = Double.POSITIVE_INFINITY;
            v[30 + 10] = Double.POSITIVE_INFINITY;
            checkTopK(pair, pair.upload(v, DType.F32, Shape.of(2, 30)), 6);
        });
        return cases.stream();
    }

    /**
     * Index kernels reject indices outside the table, naming the index, and malformed shapes.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> indexRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (int bad : new int[] {10, -1}) {
            cases.add("gather rejects index " + bad, () -> {
                PairedArray table = pair.zeros(DType.F32, Shape.of(10, 3));
                PairedArray indices = pair.ints(new int[] {0, bad, 2}, Shape.of(3));
                PairedArray out = pair.zeros(DType.F32, Shape.of(3, 3));
                TensorException e = pair.assertRejected("gather index " + bad,
                        s -> s.backend().gather(s.get(table), s.get(indices), s.get(out)));
                assertTrue(e.getMessage().contains(Integer.toString(bad)),
                        "the message should name the offending index " + bad + ": " + e.getMessage());
            });
            cases.add("scatterAdd rejects index " + bad, () -> {
                PairedArray source = pair.zeros(DType.F32, Shape.of(2, 3));
                PairedArray indices = pair.ints(new int[] {bad, 0}, Shape.of(2));
                PairedArray out = pair.zeros(DType.F32, Shape.of(10, 3));
                pair.assertRejected("scatterAdd index " + bad,
                        s -> s.backend().scatterAdd(s.get(source), s.get(indices), s.get(out)));
            });
        }
        cases.add("gather rejects float indices", () -> {
            PairedArray table = pair.zeros(DType.F32, Shape.of(10, 3));
            PairedArray indices = pair.zeros(DType.F32, Shape.of(2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 3));
            pair.assertRejected("gather F32 indices",
                    s -> s.backend().gather(s.get(table), s.get(indices), s.get(out)));
        });
        cases.add("gather rejects an output of the wrong row length", () -> {
            PairedArray table = pair.zeros(DType.F32, Shape.of(10, 3));
            PairedArray indices = pair.ints(new int[] {1, 2}, Shape.of(2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 4));
            pair.assertRejected("gather into [2,4]",
                    s -> s.backend().gather(s.get(table), s.get(indices), s.get(out)));
        });
        for (int k : new int[] {0, 6}) {
            cases.add("topK rejects k " + k + " of 5", () -> {
                PairedArray x = pair.zeros(DType.F32, Shape.of(5));
                PairedArray values = pair.zeros(DType.F32, Shape.of(Math.max(k, 1)));
                PairedArray indices = pair.zeros(DType.I32, Shape.of(Math.max(k, 1)));
                pair.assertRejected("topK k " + k, s -> s.backend().topK(s.get(x), k,
                        s.get(values), s.get(indices)));
            });
        }
        return cases.stream();
    }

    private static void checkTopK(BackendPair pair, PairedArray x, int k) {
        Shape outShape = x.shape().with(-1, k);
        PairedArray values = pair.output(DType.F32, outShape);
        PairedArray indices = pair.output(DType.I32, outShape);
        pair.run(s -> s.backend().topK(s.get(x), k, s.get(values), s.get(indices)));
        pair.assertExact("topK indices", indices);
        pair.assertExact("topK values", values);
    }

    private static PairedArray randomIndices(BackendPair pair, Shape shape, int rows) {
        int n = Math.toIntExact(shape.size());
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = i > 0 && i % 5 == 0 ? v[i - 1] : pair.random().nextInt(rows);
        }
        return pair.ints(v, shape);
    }

    private static Shape withLast(Shape leading, long last) {
        long[] dims = java.util.Arrays.copyOf(leading.toArray(), leading.rank() + 1);
        dims[leading.rank()] = last;
        return Shape.of(dims);
    }

    /** Returns the allowed error of each table element: tolerance times the magnitudes added. */
    private static double[] accumulationBounds(BackendPair pair, double[] table, double[] rows,
            double[] indices, int d) {
        double[] bounds = new double[table.length];
        for (int i = 0; i < table.length; i++) {
            bounds[i] = Math.abs(table[i]);
        }
        for (int i = 0; i < indices.length; i++) {
            int row = (int) indices[i];
            for (int j = 0; j < d; j++) {
                bounds[row * d + j] += Math.abs(rows[i * d + j]);
            }
        }
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = pair.tolerances().accumulation() * bounds[i] + 1e-30;
        }
        return bounds;
    }
}
