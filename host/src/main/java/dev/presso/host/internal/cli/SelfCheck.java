package dev.presso.host.internal.cli;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * A short check of a backend's main kernels against float64 arithmetic done here, with timings:
 * what {@code presso doctor} runs to tell whether a machine computes correctly.
 */
final class SelfCheck {
    /**
     * The outcome of one check.
     *
     * @param name what was checked
     * @param error the largest relative error found
     * @param tolerance the largest acceptable error
     * @param millis how long the kernel took
     */
    record Result(String name, double error, double tolerance, double millis) {
        boolean passed() {
            return error <= tolerance;
        }
    }

    private final TensorBackend backend;
    private final SplittableRandom random = new SplittableRandom(2026);

    SelfCheck(TensorBackend backend) {
        this.backend = backend;
    }

    List<Result> run() {
        List<Result> results = new ArrayList<>();
        results.add(timed("gemm 512x512x512", 1e-4, this::gemmError));
        results.add(timed("softmax 256x4096", 1e-5, this::softmaxError));
        results.add(timed("svd 256x128", 1e-4, this::svdError));
        results.add(timed("cholesky 256", 1e-4, this::choleskyError));
        return results;
    }

    /** Runs a check twice, so that the reported time is not the JIT's first compilation. */
    private Result timed(String name, double tolerance, ToDoubleFunction<long[]> check) {
        long[] nanos = new long[1];
        double firstError = check.applyAsDouble(nanos);
        double error = Math.max(firstError, check.applyAsDouble(nanos));
        return new Result(name, error, tolerance, nanos[0] / 1e6);
    }

    private float[] randomMatrix(int rows, int cols) {
        float[] values = new float[rows * cols];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private double gemmError(long[] nanos) {
        int n = 512;
        float[] a = randomMatrix(n, n);
        float[] b = randomMatrix(n, n);
        try (DeviceArray da = backend.fromFloats(a, Shape.of(n, n));
                DeviceArray db = backend.fromFloats(b, Shape.of(n, n));
                DeviceArray dc = backend.allocate(DType.F32, Shape.of(n, n))) {
            long start = System.nanoTime();
            backend.gemm(false, false, 1f, da, db, 0f, dc);
            backend.synchronize();
            nanos[0] = System.nanoTime() - start;
            float[] c = backend.toFloats(dc);
            double worst = 0;
            for (int sample = 0; sample < 256; sample++) {
                int i = random.nextInt(n);
                int j = random.nextInt(n);
                double exact = 0;
                double scale = 0;
                for (int p = 0; p < n; p++) {
                    exact += (double) a[i * n + p] * b[p * n + j];
                    scale += Math.abs((double) a[i * n + p] * b[p * n + j]);
                }
                worst = Math.max(worst, Math.abs(c[i * n + j] - exact) / scale);
            }
            return worst;
        }
    }

    private double softmaxError(long[] nanos) {
        int rows = 256;
        int cols = 4096;
        float[] x = randomMatrix(rows, cols);
        try (DeviceArray dx = backend.fromFloats(x, Shape.of(rows, cols));
                DeviceArray dy = backend.allocate(DType.F32, Shape.of(rows, cols))) {
            long start = System.nanoTime();
            backend.softmax(dx, dy);
            backend.synchronize();
            nanos[0] = System.nanoTime() - start;
            float[] y = backend.toFloats(dy);
            double worst = 0;
            for (int r = 0; r < rows; r++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < cols; c++) {
                    max = Math.max(max, x[r * cols + c]);
                }
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += Math.exp(x[r * cols + c] - max);
                }
                for (int c = 0; c < cols; c++) {
                    double exact = Math.exp(x[r * cols + c] - max) / sum;
                    worst = Math.max(worst, Math.abs(y[r * cols + c] - exact) / (exact + 1e-30));
                }
            }
            return worst;
        }
    }

    private double svdError(long[] nanos) {
        int m = 256;
        int n = 128;
        float[] a = randomMatrix(m, n);
        try (DeviceArray da = backend.fromFloats(a, Shape.of(m, n));
                DeviceArray u = backend.allocate(DType.F32, Shape.of(m, n));
                DeviceArray s = backend.allocate(DType.F32, Shape.of(n));
                DeviceArray vt = backend.allocate(DType.F32, Shape.of(n, n))) {
            long start = System.nanoTime();
            backend.svd(da, false, u, s, vt);
            backend.synchronize();
            nanos[0] = System.nanoTime() - start;
            float[] uh = backend.toFloats(u);
            float[] sh = backend.toFloats(s);
            float[] vth = backend.toFloats(vt);
            return reconstructionError(a, m, n, (i, j) -> {
                double sum = 0;
                for (int k = 0; k < n; k++) {
                    sum += (double) uh[i * n + k] * sh[k] * vth[k * n + j];
                }
                return sum;
            });
        }
    }

    private double choleskyError(long[] nanos) {
        int n = 256;
        float[] g = randomMatrix(n, n);
        float[] spd = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double sum = i == j ? n : 0;
                for (int k = 0; k < n; k++) {
                    sum += (double) g[i * n + k] * g[j * n + k];
                }
                spd[i * n + j] = (float) sum;
            }
        }
        try (DeviceArray da = backend.fromFloats(spd, Shape.of(n, n));
                DeviceArray dl = backend.allocate(DType.F32, Shape.of(n, n))) {
            long start = System.nanoTime();
            backend.cholesky(da, dl);
            backend.synchronize();
            nanos[0] = System.nanoTime() - start;
            float[] l = backend.toFloats(dl);
            return reconstructionError(spd, n, n, (i, j) -> {
                double sum = 0;
                for (int k = 0; k <= Math.min(i, j); k++) {
                    sum += (double) l[i * n + k] * l[j * n + k];
                }
                return sum;
            });
        }
    }

    private interface Entry {
        double at(int i, int j);
    }

    private static double reconstructionError(float[] expected, int rows, int cols, Entry actual) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double e = expected[i * cols + j];
                double d = actual.at(i, j) - e;
                diff += d * d;
                norm += e * e;
            }
        }
        return Math.sqrt(diff / norm);
    }
}
