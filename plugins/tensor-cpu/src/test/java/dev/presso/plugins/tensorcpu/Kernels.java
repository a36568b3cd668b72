package dev.presso.plugins.tensorcpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.function.Executable;

/** Shared helpers for the kernel tests: a backend, random data and tolerant comparisons. */
public final class Kernels {
    private Kernels() {}

    /** Opens a two-thread backend with the pure-Java decompositions. */
    public static TensorBackend open() {
        return new CpuTensorProvider().open(new BackendOptions(2, 0,
                Map.of(CpuTensorProvider.LINALG_PROPERTY, "java")));
    }

    /** Returns reproducible values uniform in {@code [-scale, scale)}. */
    public static float[] random(long seed, int n, double scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return values;
    }

    /** Uploads floats with a shape. */
    public static DeviceArray floats(TensorBackend backend, float[] values, long... shape) {
        return backend.fromFloats(values, Shape.of(shape));
    }

    /** Allocates a zeroed F32 array. */
    public static DeviceArray zeros(TensorBackend backend, long... shape) {
        return backend.allocate(DType.F32, Shape.of(shape));
    }

    /**
     * Asserts {@code |actual - expected| <= atol + rtol * |expected|} elementwise; NaN must meet
     * NaN and infinities must match exactly.
     */
    public static void assertClose(double[] expected, float[] actual, double rtol, double atol,
            String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isInfinite(e)) {
                assertEquals(e, a, 0.0, what + ": element " + i);
                continue;
            }
            if (!(Math.abs(a - e) <= atol + rtol * Math.abs(e))) {
                fail(what + ": element " + i + " is " + a + ", expected " + e);
            }
        }
    }

    /** Asserts that the code throws a TensorException naming the op and containing each part. */
    public static TensorException assertTensorError(String op, Executable code,
            String... parts) {
        TensorException e = assertThrows(TensorException.class, code);
        assertEquals(op, e.op(), "op of: " + e.getMessage());
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part),
                    "message '" + e.getMessage() + "' should contain '" + part + "'");
        }
        return e;
    }

    /** Widens floats to doubles. */
    public static double[] toDoubles(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
