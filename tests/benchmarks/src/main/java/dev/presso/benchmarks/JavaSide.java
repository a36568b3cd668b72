package dev.presso.benchmarks;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Times the cases on a tensor backend through its kernels ({@code gemm}, {@code svd},
 * {@code cholesky}, {@code eigh}, {@code fwht}), with inputs shaped and conditioned like the numpy
 * script's.
 */
final class JavaSide {
    private final TensorBackend backend;
    private final SplittableRandom random = new SplittableRandom(42);

    JavaSide(TensorBackend backend) {
        this.backend = backend;
    }

    /**
     * Times one case.
     *
     * @param benchCase the case
     * @return the median seconds per call
     */
    double time(BenchCase benchCase) {
        List<DeviceArray> arrays = new ArrayList<>();
        try {
            Runnable call = prepare(benchCase, arrays);
            return Medians.seconds(benchCase.reps(), call);
        } finally {
            arrays.forEach(DeviceArray::close);
        }
    }

    private Runnable prepare(BenchCase benchCase, List<DeviceArray> arrays) {
        int[] d = benchCase.dims();
        return switch (benchCase.kind()) {
            case "gemm" -> {
                DeviceArray a = keep(arrays, gaussian(d[0], d[0]));
                DeviceArray b = keep(arrays, gaussian(d[0], d[0]));
                DeviceArray c = keep(arrays, allocate(d[0], d[0]));
                yield () -> backend.gemm(false, false, 1f, a, b, 0f, c);
            }
            case "svd" -> {
                int k = Math.min(d[0], d[1]);
                DeviceArray a = keep(arrays, gaussian(d[0], d[1]));
                DeviceArray u = keep(arrays, allocate(d[0], k));
                DeviceArray s = keep(arrays, allocate(k));
                DeviceArray vt = keep(arrays, allocate(k, d[1]));
                yield () -> backend.svd(a, false, u, s, vt);
            }
            case "cholesky" -> {
                DeviceArray a = keep(arrays, positiveDefinite(d[0]));
                DeviceArray l = keep(arrays, allocate(d[0], d[0]));
                yield () -> backend.cholesky(a, l);
            }
            case "eigh" -> {
                DeviceArray a = keep(arrays, symmetric(d[0]));
                DeviceArray w = keep(arrays, allocate(d[0]));
                DeviceArray v = keep(arrays, allocate(d[0], d[0]));
                yield () -> backend.eigh(a, w, v);
            }
            case "fwht" -> {
                DeviceArray x = keep(arrays, gaussian(d[0], d[1]));
                DeviceArray out = keep(arrays, allocate(d[0], d[1]));
                float scale = (float) (1 / Math.sqrt(d[2]));
                yield () -> backend.fwht(x, d[2], scale, out);
            }
            default -> throw new IllegalArgumentException("unknown case kind " + benchCase.kind());
        };
    }

    private static DeviceArray keep(List<DeviceArray> arrays, DeviceArray array) {
        arrays.add(array);
        return array;
    }

    private DeviceArray allocate(long... dims) {
        return backend.allocate(DType.F32, Shape.of(dims));
    }

    private DeviceArray gaussian(int rows, int cols) {
        return backend.fromFloats(gaussianValues(rows * cols), Shape.of(rows, cols));
    }

    private float[] gaussianValues(int count) {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    /** Returns {@code x * x^T / n + I} for a Gaussian {@code x}, computed with the backend. */
    private DeviceArray positiveDefinite(int n) {
        try (DeviceArray x = gaussian(n, n); DeviceArray product = allocate(n, n)) {
            backend.gemm(false, true, 1f / n, x, x, 0f, product);
            float[] values = backend.toFloats(product);
            for (int i = 0; i < n; i++) {
                values[i * n + i] += 1f;
            }
            return backend.fromFloats(values, Shape.of(n, n));
        }
    }

    /** Returns {@code (x + x^T) / 2} for a Gaussian {@code x}. */
    private DeviceArray symmetric(int n) {
        float[] x = gaussianValues(n * n);
        float[] values = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                values[i * n + j] = (x[i * n + j] + x[j * n + i]) / 2;
            }
        }
        return backend.fromFloats(values, Shape.of(n, n));
    }
}
