package dev.presso.tck;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.tck.internal.Cases;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of every {@link dev.presso.kernel.tensor.NeuralKernels} kernel: softmax and
 * log-softmax (stability for large inputs, masked entries, NaN rows), RMS normalization, rotary
 * embeddings in both directions, and blockwise Walsh–Hadamard transforms.
 *
 * <p>Row-wise kernels must be within {@link Tolerances#elementwise()} of the reference; the
 * Walsh–Hadamard transform within {@link Tolerances#accumulation()} of
 * {@code |scale| * sum(|x|)} over each block.
 *
 * @since 1.0
 */
public interface NeuralKernelsContract extends BackendContract {
    /**
     * Softmax and log-softmax match the reference on rows of 1 to 4096 elements.
     *
     * @param pair the backends
     * @return one test per kernel and shape
     */
    @TestFactory
    default Stream<DynamicTest> softmaxMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        Shape[] shapes = pair.large()
                ? new Shape[] {Shape.of(1), Shape.of(172), Shape.of(7, 33), Shape.of(3, 4099), Shape.of(64, 4096)}
                : new Shape[] {Shape.of(1), Shape.of(172), Shape.of(7, 33), Shape.of(3, 4099)};
        for (boolean log : new boolean[] {false, true}) {
            for (Shape shape : shapes) {
                cases.add(rowwiseName(log) + " " + shape, () -> {
                    PairedArray x = pair.gaussian(DType.F32, shape, 10);
                    checkRowwise(pair, log, x);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Softmax and log-softmax are stable: rows around 1000 do not overflow, entries of
     * {@code -inf} get probability 0, and a NaN makes its own row NaN and no other.
     *
     * @param pair the backends
     * @return one test per kernel and case
     */
    @TestFactory
    default Stream<DynamicTest> softmaxIsStable(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (boolean log : new boolean[] {false, true}) {
            cases.add(rowwiseName(log) + " of values near 1000", () -> {
                double[] v = pair.gaussianValues(4 * 300, 5);
                for (int i = 0; i < v.length; i++) {
                    v[i] += i < 600 ? 1000 : -1000;
                }
                checkRowwise(pair, log, pair.upload(v, DType.F32, Shape.of(4, 300)));
            });
            cases.add(rowwiseName(log) + " with -inf entries", () -> {
                double[] v = pair.gaussianValues(3 * 40, 2);
                for (int j = 20; j < 40; j++) {
                    v[40 + j] = Double.NEGATIVE_INFINITY;
                }
                v[0] = Double.NEGATIVE_INFINITY;
                checkRowwise(pair, log, pair.upload(v, DType.F32, Shape.of(3, 40)));
            });
            cases.add(rowwiseName(log) + " with a NaN", () -> {
                double[] v = pair.gaussianValues(3 * 40, 2);
                v[40 + 7] = Double.NaN;
                checkRowwise(pair, log, pair.upload(v, DType.F32, Shape.of(3, 40)));
            });
        }
        return cases.stream();
    }

    /**
     * RMS normalization matches the reference, including an all-zero row.
     *
     * @param pair the backends
     * @return one test per shape and epsilon
     */
    @TestFactory
    default Stream<DynamicTest> rmsNormMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        Shape[] shapes = {Shape.of(1, 1), Shape.of(5, 172), Shape.of(2, 3, 4096)};
        for (Shape shape : shapes) {
            for (float eps : new float[] {1e-5f, 1e-6f}) {
                cases.add("rmsNorm " + shape + " eps " + eps, () -> {
                    double[] v = pair.gaussianValues(Math.toIntExact(shape.size()), 2);
                    if (shape.dim(0) > 1) {
                        java.util.Arrays.fill(v, 0, Math.toIntExact(shape.dim(-1)), 0.0);
                    }
                    PairedArray x = pair.upload(v, DType.F32, shape);
                    PairedArray w = pair.gaussian(Shape.of(shape.dim(-1)));
                    PairedArray out = pair.output(DType.F32, shape);
                    pair.run(s -> s.backend().rmsNorm(s.get(x), s.get(w), eps, s.get(out)));
                    pair.assertClose("rmsNorm", out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Rotary embedding matches the reference in both directions, for rank 3 and 4 inputs.
     *
     * @param pair the backends
     * @return one test per shape and direction
     */
    @TestFactory
    default Stream<DynamicTest> ropeMatchesReferenceInBothDirections(BackendPair pair) {
        Cases cases = new Cases(pair);
        Shape[] shapes = {Shape.of(1, 1, 2), Shape.of(5, 3, 8), Shape.of(2, 7, 4, 64), Shape.of(3, 33, 2, 6)};
        for (Shape shape : shapes) {
            for (boolean inverse : new boolean[] {false, true}) {
                cases.add("rope " + shape + (inverse ? " inverse" : ""), () -> {
                    int t = Math.toIntExact(shape.dim(-3));
                    int half = Math.toIntExact(shape.dim(-1) / 2);
                    double[] cos = new double[t * half];
                    double[] sin = new double[t * half];
                    for (int p = 0; p < t; p++) {
                        for (int j = 0; j < half; j++) {
                            double angle = p * Math.pow(10000, -2.0 * j / (2 * half)) + 0.1 * j;
                            cos[p * half + j] = Math.cos(angle);
                            sin[p * half + j] = Math.sin(angle);
                        }
                    }
                    PairedArray x = pair.gaussian(shape);
                    PairedArray c = pair.upload(cos, DType.F32, Shape.of(t, half));
                    PairedArray sn = pair.upload(sin, DType.F32, Shape.of(t, half));
                    PairedArray out = pair.output(DType.F32, shape);
                    pair.run(s -> s.backend().rope(s.get(x), s.get(c), s.get(sn), inverse, s.get(out)));
                    pair.assertClose("rope" + (inverse ? " inverse" : ""), out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * The blockwise Walsh–Hadamard transform matches the reference for blocks from 1 to 4096,
     * orthonormally scaled and otherwise.
     *
     * @param pair the backends
     * @return one test per block size and scale
     */
    @TestFactory
    default Stream<DynamicTest> fwhtMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] blocksAndWidths = pair.large()
                ? new int[][] {{1, 3}, {2, 6}, {8, 24}, {64, 128}, {256, 256}, {4096, 8192}}
                : new int[][] {{1, 3}, {2, 6}, {8, 24}, {64, 128}, {256, 256}};
        for (int[] bw : blocksAndWidths) {
            int block = bw[0];
            for (float scale : new float[] {(float) (1 / Math.sqrt(block)), 0.5f}) {
                cases.add("fwht block " + block + " of [3, " + bw[1] + "] scale " + scale, () -> {
                    PairedArray x = pair.gaussian(Shape.of(3, bw[1]));
                    PairedArray out = pair.output(DType.F32, x.shape());
                    pair.run(s -> s.backend().fwht(s.get(x), block, scale, s.get(out)));
                    double[] xv = pair.expectedValues(x);
                    double[] bounds = new double[xv.length];
                    for (int start = 0; start < xv.length; start += block) {
                        double sum = 0;
                        for (int j = start; j < start + block; j++) {
                            sum += Math.abs(xv[j]);
                        }
                        java.util.Arrays.fill(bounds, start, start + block,
                                pair.tolerances().accumulation() * Math.abs(scale) * sum + 1e-30);
                    }
                    pair.assertWithin("fwht block " + block + " scale " + scale, out, bounds);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Neural kernels reject malformed shapes: weights of the wrong length, odd rotary
     * dimensions, tables of the wrong shape, and blocks that are not powers of two or do not
     * divide the row.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> neuralRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("softmax rejects an output of another shape", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 5));
            PairedArray out = pair.zeros(DType.F32, Shape.of(5, 2));
            pair.assertRejected("softmax [2,5] -> [5,2]", s -> s.backend().softmax(s.get(x), s.get(out)));
        });
        cases.add("rmsNorm rejects a weight of the wrong length", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 5));
            PairedArray w = pair.zeros(DType.F32, Shape.of(4));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 5));
            pair.assertRejected("rmsNorm weight [4] for D 5",
                    s -> s.backend().rmsNorm(s.get(x), s.get(w), 1e-5f, s.get(out)));
        });
        cases.add("rope rejects an odd head dimension", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 1, 5));
            PairedArray table = pair.zeros(DType.F32, Shape.of(2, 2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 1, 5));
            pair.assertRejected("rope D 5", s -> s.backend().rope(s.get(x), s.get(table),
                    s.get(table), false, s.get(out)));
        });
        cases.add("rope rejects tables of the wrong shape", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(3, 1, 4));
            PairedArray table = pair.zeros(DType.F32, Shape.of(2, 2));
            PairedArray out = pair.zeros(DType.F32, Shape.of(3, 1, 4));
            pair.assertRejected("rope tables [2,2] for T 3", s -> s.backend().rope(s.get(x),
                    s.get(table), s.get(table), false, s.get(out)));
        });
        cases.add("fwht rejects a block that is not a power of two", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 6));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 6));
            pair.assertRejected("fwht block 3", s -> s.backend().fwht(s.get(x), 3, 1f, s.get(out)));
        });
        cases.add("fwht rejects a block that does not divide the row", () -> {
            PairedArray x = pair.zeros(DType.F32, Shape.of(2, 12));
            PairedArray out = pair.zeros(DType.F32, Shape.of(2, 12));
            pair.assertRejected("fwht block 8 of 12", s -> s.backend().fwht(s.get(x), 8, 1f, s.get(out)));
        });
        return cases.stream();
    }

    private static String rowwiseName(boolean log) {
        return log ? "logSoftmax" : "softmax";
    }

    private static void checkRowwise(BackendPair pair, boolean log, PairedArray x) {
        PairedArray out = pair.output(DType.F32, x.shape());
        if (log) {
            pair.run(s -> s.backend().logSoftmax(s.get(x), s.get(out)));
        } else {
            pair.run(s -> s.backend().softmax(s.get(x), s.get(out)));
        }
        pair.assertClose(rowwiseName(log) + " " + x.shape(), out);
    }
}
