package dev.presso.host.internal.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import org.junit.jupiter.api.Test;

/** The layer-wise error is tr(ΔW H ΔWᵀ) / tr(W H Wᵀ), computed here by hand for a small layer. */
class LayerErrorTest {
    @Test
    void normalisesTheOutputErrorOnTheGramMatrix() {
        double[] w = {1, -2, 0.5, 3, 0.25, -1};
        double[] hat = {1, -2, 0, 3, 0, -1};
        double[] h = {4, 1, 0.5, 1, 3, -0.25, 0.5, -0.25, 2};
        double expected = quadratic(difference(w, hat), h) / quadratic(w, h);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            double error = LayerError.of(tensors, tensors.of(floats(w), Shape.of(2, 3)),
                    tensors.of(floats(hat), Shape.of(2, 3)), tensors.of(floats(h), Shape.of(3, 3)));
            assertEquals(expected, error, 1e-6);
            assertEquals(1.0, LayerError.of(tensors, tensors.of(floats(w), Shape.of(2, 3)),
                    tensors.of(new float[6], Shape.of(2, 3)), tensors.of(floats(h), Shape.of(3, 3))), 1e-6);
            assertEquals(0.0, LayerError.of(tensors, tensors.of(floats(w), Shape.of(2, 3)),
                    tensors.of(floats(w), Shape.of(2, 3)), tensors.of(floats(h), Shape.of(3, 3))));
        }
    }

    private static double quadratic(double[] a, double[] h) {
        double sum = 0;
        for (int r = 0; r < 2; r++) {
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    sum += a[r * 3 + i] * h[i * 3 + j] * a[r * 3 + j];
                }
            }
        }
        return sum;
    }

    private static double[] difference(double[] a, double[] b) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static float[] floats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
