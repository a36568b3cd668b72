package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.presso.fixtures.ElementCodec;
import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.internal.Cases;
import dev.presso.tck.internal.Comparison;
import dev.presso.tck.internal.KernelTour;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of behaviour across calls: a backend may be called from several threads at once
 * (with distinct outputs) and stays correct, and repeated calls on the same inputs give
 * bit-identical results, so that compression runs are reproducible.
 *
 * <p>Results of concurrent calls are compared with those of a lone run within
 * {@link Tolerances#accumulation()} (normwise), not bit for bit: the kernel contracts do not
 * promise that a multi-threaded reduction splits its work the same way under load.
 *
 * @since 1.0
 */
public interface ConcurrencyContract extends BackendContract {
    /**
     * Four threads running GEMM, softmax, reductions and elementwise kernels on their own arrays
     * at the same time get the results of one thread running them alone.
     *
     * @param pair the backends
     * @throws Exception if a worker thread fails
     */
    @Test
    default void concurrentCallsGiveTheSameResults(BackendPair pair) throws Exception {
        TensorBackend backend = pair.actual();
        int threads = 4;
        int rounds = pair.large() ? 25 : 5;
        float[] a = floats(pair.random(), 96 * 130);
        float[] b = floats(pair.random(), 130 * 72);
        List<byte[]> alone = pipeline(backend, a, b);
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            List<Future<List<byte[]>>> futures = new ArrayList<>();
            for (int t = 0; t < threads * rounds; t++) {
                futures.add(pool.submit(() -> pipeline(backend, a, b)));
            }
            for (Future<List<byte[]>> future : futures) {
                List<byte[]> together = future.get();
                for (int i = 0; i < alone.size(); i++) {
                    double[] expected = ElementCodec.decode(alone.get(i), DType.F32, alone.get(i).length / 4);
                    double[] actual = ElementCodec.decode(together.get(i), DType.F32, expected.length);
                    String problem = Comparison.mismatches("result " + i + " of a concurrent pipeline, "
                            + "against a lone run", Shape.of(expected.length), actual, expected,
                            Comparison.bounds(expected, 0, pair.tolerances().accumulation()));
                    assertNull(problem, problem);
                }
            }
        }
    }

    /**
     * Calling every kernel twice on the same inputs gives bit-identical outputs, including
     * multi-threaded GEMM and reductions on large inputs.
     *
     * @param pair the backends
     * @return one test per kernel, plus large GEMM and reduction cases
     */
    @TestFactory
    default Stream<DynamicTest> repeatedCallsAreDeterministic(BackendPair pair) {
        Cases cases = new Cases(pair);
        TensorBackend backend = pair.actual();
        KernelTour names = new KernelTour(backend);
        List<String> kernels = List.copyOf(names.steps().keySet());
        names.close();
        for (String kernel : kernels) {
            cases.add(kernel + " is deterministic", () -> {
                KernelTour tour = new KernelTour(backend);
                try {
                    KernelTour.Step step = tour.steps().get(kernel);
                    List<DeviceArray> all = tour.arrays();
                    step.call().accept(backend);
                    List<byte[]> first = all.stream().map(backend::toBytes).toList();
                    tour.restore();
                    step.call().accept(backend);
                    for (int i = 0; i < all.size(); i++) {
                        assertArrayEquals(first.get(i), backend.toBytes(all.get(i)),
                                kernel + " wrote different bits on the second call (array " + i + ")");
                    }
                } finally {
                    tour.close();
                }
            });
        }
        int n = pair.large() ? 512 : 192;
        cases.add("gemm " + n + "^3 is deterministic", () -> {
            float[] a = floats(pair.random(), n * n);
            List<byte[]> first = pipeline(backend, a, a, n, n, n);
            List<byte[]> second = pipeline(backend, a, a, n, n, n);
            for (int i = 0; i < first.size(); i++) {
                assertArrayEquals(first.get(i), second.get(i), "large pipeline result " + i + " changed");
            }
        });
        return cases.stream();
    }

    private static float[] floats(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) random.nextDouble(-2, 2);
        }
        return v;
    }

    private static List<byte[]> pipeline(TensorBackend backend, float[] a, float[] b) {
        return pipeline(backend, a, b, 96, 130, 72);
    }

    /** GEMM, softmax, row sums, a total and an elementwise product on fresh arrays. */
    private static List<byte[]> pipeline(TensorBackend backend, float[] a, float[] b, int m, int k, int n) {
        try (DeviceArray x = backend.fromFloats(a, Shape.of(m, k));
                DeviceArray y = backend.fromFloats(b, Shape.of(k, n));
                DeviceArray product = backend.allocate(DType.F32, Shape.of(m, n));
                DeviceArray probabilities = backend.allocate(DType.F32, Shape.of(m, n));
                DeviceArray rows = backend.allocate(DType.F32, Shape.of(m, 1));
                DeviceArray total = backend.allocate(DType.F32, Shape.of(1, 1));
                DeviceArray squared = backend.allocate(DType.F32, Shape.of(m, n))) {
            backend.gemm(false, false, 1f, x, y, 0f, product);
            backend.softmax(product, probabilities);
            backend.reduce(ReduceOp.SUM, product, rows);
            backend.reduce(ReduceOp.SUM, product, total);
            backend.binary(BinaryOp.MUL, product, probabilities, squared);
            return List.of(backend.toBytes(product), backend.toBytes(probabilities),
                    backend.toBytes(rows), backend.toBytes(total), backend.toBytes(squared));
        }
    }
}
