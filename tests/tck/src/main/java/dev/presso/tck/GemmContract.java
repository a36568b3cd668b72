package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.BackendCapability;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.tck.internal.Cases;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of {@link dev.presso.kernel.tensor.DenseKernels#gemm}: every transpose combination,
 * alpha and beta, batching and shared operands, sizes from 1 to 1024 (and an empty inner
 * dimension, where {@code c = beta * c}), BF16/F16 operands where the
 * backend declares them, NaN and infinity, and rejected shapes.
 *
 * <p>Each element must be within {@link Tolerances#gemm()} of
 * {@code |alpha|·(|op(A)|·|op(B)|) + |beta·C|} from the float64 result.
 *
 * @since 1.0
 */
public interface GemmContract extends BackendContract {
    /**
     * GEMM matches the reference for every transpose combination, several alpha/beta pairs and
     * sizes including 1, odd and non-power-of-two dimensions, and (when large inputs are on)
     * 1024×1024×1024.
     *
     * @param pair the backends
     * @return one test per case
     */
    @TestFactory
    default Stream<DynamicTest> gemmMatchesReference(BackendPair pair) {
        Cases cases = new Cases(pair);
        int[][] sizes = {{1, 1, 1}, {3, 5, 7}, {17, 172, 33}, {64, 64, 64}, {2, 300, 1}, {1, 40, 129},
            {4, 0, 3}};
        float[][] scalars = {{1f, 0f}, {1.5f, -0.5f}};
        for (int[] mkn : sizes) {
            for (int t = 0; t < 4; t++) {
                boolean ta = (t & 1) != 0;
                boolean tb = (t & 2) != 0;
                for (float[] ab : scalars) {
                    cases.add(gemmName(mkn, ta, tb, ab[0], ab[1]),
                            () -> checkGemm(pair, DType.F32, new long[0], new long[0], mkn, ta, tb,
                                    ab[0], ab[1]));
                }
            }
        }
        if (pair.large()) {
            int[] big = {1024, 1024, 1024};
            cases.add(gemmName(big, false, false, 1f, 0f),
                    () -> checkGemm(pair, DType.F32, new long[0], new long[0], big, false, false, 1f, 0f));
            int[] tall = {1000, 172, 96};
            cases.add(gemmName(tall, false, true, 1f, 1f),
                    () -> checkGemm(pair, DType.F32, new long[0], new long[0], tall, false, true, 1f, 1f));
        }
        return cases.stream();
    }

    /**
     * Batched GEMM: leading dimensions equal to {@code c}'s, or absent so one matrix is shared by
     * every batch.
     *
     * @param pair the backends
     * @return one test per batching layout
     */
    @TestFactory
    default Stream<DynamicTest> gemmBatchesOverLeadingDimensions(BackendPair pair) {
        Cases cases = new Cases(pair);
        long[] batch = {2, 3};
        long[] none = {};
        int[] mkn = {5, 9, 7};
        cases.add("gemm batched a and b [2, 3]", () -> checkGemm(pair, DType.F32, batch, batch, mkn, false, false, 1f, 0f));
        cases.add("gemm batched with shared a", () -> checkGemm(pair, DType.F32, none, batch, mkn, false, true, 1f, 0.5f));
        cases.add("gemm batched with shared b", () -> checkGemm(pair, DType.F32, batch, none, mkn, true, false, 2f, 0f));
        return cases.stream();
    }

    /**
     * BF16 and F16 operands with F32 accumulation, for each capability the backend declares.
     *
     * @param pair the backends
     * @return one test per declared half-precision type and transpose combination
     */
    @TestFactory
    default Stream<DynamicTest> gemmAcceptsDeclaredHalfPrecisionOperands(BackendPair pair) {
        Cases cases = new Cases(pair);
        var capabilities = pair.actual().capabilities();
        for (DType dtype : new DType[] {DType.BF16, DType.F16}) {
            BackendCapability needed = dtype == DType.BF16
                    ? BackendCapability.BF16_GEMM : BackendCapability.F16_GEMM;
            if (!capabilities.contains(needed)) {
                continue;
            }
            for (int[] mkn : new int[][] {{3, 5, 7}, {33, 172, 65}}) {
                cases.add(gemmName(dtype, mkn, false, true, 1f, 0f),
                        () -> checkGemm(pair, dtype, new long[0], new long[0], mkn, false, true, 1f, 0f));
                cases.add(gemmName(dtype, mkn, true, false, 1f, 1f),
                        () -> checkGemm(pair, dtype, new long[0], new long[0], mkn, true, false, 1f, 1f));
            }
        }
        return cases.stream();
    }

    /**
     * NaN and infinity in an operand propagate as IEEE arithmetic says, while NaN in {@code c}
     * is ignored when {@code beta} is 0.
     *
     * @param pair the backends
     * @return the cases
     */
    @TestFactory
    default Stream<DynamicTest> gemmPropagatesNanAndInfinity(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (double special : new double[] {Double.NaN, Double.POSITIVE_INFINITY}) {
            cases.add("gemm with " + special + " in a", () -> {
                int m = 6;
                int k = 35;
                int n = 9;
                double[] av = pair.gaussianValues(m * k, 1);
                av[2 * k + 7] = special;
                PairedArray a = pair.upload(av, DType.F32, Shape.of(m, k));
                PairedArray b = pair.gaussian(Shape.of(k, n));
                PairedArray c = pair.output(DType.F32, Shape.of(m, n));
                pair.run(s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
                pair.assertClose("gemm with " + special, c, 1e-4, 1e-4);
            });
        }
        cases.add("gemm beta 0 ignores NaN in c", () -> {
            PairedArray a = pair.gaussian(Shape.of(4, 3));
            PairedArray b = pair.gaussian(Shape.of(3, 5));
            PairedArray c = pair.output(DType.F32, Shape.of(4, 5));
            pair.run(s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
            for (double v : pair.actualValues(c)) {
                assertTrue(Double.isFinite(v), "gemm with beta 0 read the NaN already in c");
            }
        });
        return cases.stream();
    }

    /**
     * Mismatched shapes, ranks, batches and dtypes are rejected with a {@code TensorException}.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> gemmRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("gemm rejects different inner dimensions", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(5, 2));
            PairedArray c = pair.zeros(DType.F32, Shape.of(4, 2));
            pair.assertRejected("gemm a[4,3] b[5,2]",
                    s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        cases.add("gemm rejects a wrongly shaped c", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3, 2));
            PairedArray c = pair.zeros(DType.F32, Shape.of(2, 4));
            pair.assertRejected("gemm c[2,4] for [4,2]",
                    s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        cases.add("gemm rejects a transposed operand of the wrong shape", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(4, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3, 2));
            PairedArray c = pair.zeros(DType.F32, Shape.of(4, 2));
            pair.assertRejected("gemm with b^T of [2,3]",
                    s -> s.backend().gemm(false, true, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        cases.add("gemm rejects mismatched batches", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(3, 4, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(2, 3, 2));
            PairedArray c = pair.zeros(DType.F32, Shape.of(2, 4, 2));
            pair.assertRejected("gemm batch 3 vs 2",
                    s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        cases.add("gemm rejects a rank-1 operand", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3, 2));
            PairedArray c = pair.zeros(DType.F32, Shape.of(1, 2));
            pair.assertRejected("gemm a[3]",
                    s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        cases.add("gemm rejects integer operands", () -> {
            PairedArray a = pair.zeros(DType.I32, Shape.of(2, 2));
            PairedArray b = pair.zeros(DType.F32, Shape.of(2, 2));
            PairedArray c = pair.zeros(DType.F32, Shape.of(2, 2));
            pair.assertRejected("gemm a I32",
                    s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        cases.add("gemm rejects a non-F32 output", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(2, 2));
            PairedArray b = pair.zeros(DType.F32, Shape.of(2, 2));
            PairedArray c = pair.zeros(DType.I32, Shape.of(2, 2));
            pair.assertRejected("gemm c I32",
                    s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
        });
        return cases.stream();
    }

    private static String gemmName(int[] mkn, boolean ta, boolean tb, float alpha, float beta) {
        return gemmName(DType.F32, mkn, ta, tb, alpha, beta);
    }

    private static String gemmName(DType dtype, int[] mkn, boolean ta, boolean tb, float alpha,
            float beta) {
        return "gemm " + (dtype == DType.F32 ? "" : dtype + " ") + "M=" + mkn[0] + " K=" + mkn[1] + " N=" + mkn[2] + " " + (ta ? "T" : "N")
                + (tb ? "T" : "N") + " alpha " + alpha + " beta " + beta;
    }

    private static long[] dims(long[] batch, long rows, long cols) {
        long[] d = Arrays.copyOf(batch, batch.length + 2);
        d[batch.length] = rows;
        d[batch.length + 1] = cols;
        return d;
    }

    private static void checkGemm(BackendPair pair, DType dtype, long[] aBatch, long[] bBatch,
            int[] mkn, boolean ta, boolean tb, float alpha, float beta) {
        int m = mkn[0];
        int k = mkn[1];
        int n = mkn[2];
        long[] cBatch = aBatch.length > 0 ? aBatch : bBatch;
        PairedArray a = pair.gaussian(dtype, Shape.of(dims(aBatch, ta ? k : m, ta ? m : k)), 1);
        PairedArray b = pair.gaussian(dtype, Shape.of(dims(bBatch, tb ? n : k, tb ? k : n)), 1);
        Shape cShape = Shape.of(dims(cBatch, m, n));
        PairedArray c = beta == 0f ? pair.output(DType.F32, cShape) : pair.gaussian(cShape);
        double[] bounds = magnitudes(pair, ta, tb, alpha, a, b, beta, c);
        for (int i = 0; i < bounds.length; i++) {
            bounds[i] = pair.tolerances().gemm() * bounds[i] + Float.MIN_NORMAL;
        }
        pair.run(s -> s.backend().gemm(ta, tb, alpha, s.get(a), s.get(b), beta, s.get(c)));
        pair.assertWithin(gemmName(dtype, mkn, ta, tb, alpha, beta), c, bounds);
    }

    /** Returns {@code |alpha|·(|op(A)|·|op(B)|) + |beta·C|} computed by the reference. */
    private static double[] magnitudes(BackendPair pair, boolean ta, boolean tb, float alpha,
            PairedArray a, PairedArray b, float beta, PairedArray c) {
        var ref = pair.reference();
        try (DeviceArray absA = absolute(pair, a);
                DeviceArray absB = absolute(pair, b);
                DeviceArray absC = beta == 0f ? ref.allocate(DType.F32, c.shape()) : absolute(pair, c)) {
            ref.gemm(ta, tb, Math.abs(alpha), absA, absB, Math.abs(beta), absC);
            return BackendPair.values(ref, absC);
        }
    }

    private static DeviceArray absolute(BackendPair pair, PairedArray x) {
        double[] v = pair.expectedValues(x);
        float[] abs = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            abs[i] = (float) Math.abs(v[i]);
        }
        return pair.reference().fromFloats(abs, x.shape());
    }
}
