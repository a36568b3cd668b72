package dev.presso.host;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.SplittableRandom;

/** Shared helpers: a float64 reference backend and inputs with controlled values. */
final class TestTensors {
    private TestTensors() {}

    static Tensors reference() {
        return TensorRuntime.tensors(new ReferenceBackend());
    }

    /** Standard-normal-like values whose magnitude is at least {@code margin}. */
    static Tensor awayFromZero(Tensors tensors, Shape shape, long seed, float margin) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            float magnitude = margin + (float) random.nextDouble(1.5);
            values[i] = random.nextBoolean() ? magnitude : -magnitude;
        }
        return tensors.of(values, shape);
    }

    /** Values uniform in {@code [low, high)}. */
    static Tensor uniform(Tensors tensors, Shape shape, long seed, float low, float high) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = low + (float) random.nextDouble() * (high - low);
        }
        return tensors.of(values, shape);
    }

    static long liveBytes(Tensors tensors) {
        return tensors.backend().memoryStats().liveBytes();
    }

    static long liveArrays(Tensors tensors) {
        return tensors.backend().memoryStats().liveArrays();
    }
}
