package dev.presso.plugins.tensorcuda.internal.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * Runs one kernel call on tensor-cpu and on the host build of the CUDA kernels with identical
 * inputs, then compares every array of the call (inputs included, so a kernel that writes an
 * input is caught): bit for bit where the CUDA kernels are built to match tensor-cpu exactly,
 * otherwise within a relative tolerance.
 */
final class Twins {
    private final TensorBackend cpu;
    private final TensorBackend host;
    private final SplittableRandom random;
    private final List<byte[]> contents = new ArrayList<>();
    private final List<DType> dtypes = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();

    Twins(TensorBackend cpu, TensorBackend host, long seed) {
        this.cpu = cpu;
        this.host = host;
        this.random = new SplittableRandom(seed);
    }

    /** Adds an array of Gaussian floats. */
    Twins gaussian(long... dims) {
        Shape shape = Shape.of(dims);
        ByteBuffer bytes = buffer(DType.F32, shape);
        for (long i = 0; i < shape.size(); i++) {
            bytes.putFloat((float) (random.nextGaussian() * 2));
        }
        return add(DType.F32, shape, bytes.array());
    }

    /** Adds floats drawn from a few values, so ties occur; NaN where {@code nan} is set. */
    Twins fewValues(boolean nan, long... dims) {
        Shape shape = Shape.of(dims);
        ByteBuffer bytes = buffer(DType.F32, shape);
        for (long i = 0; i < shape.size(); i++) {
            int pick = random.nextInt(nan ? 6 : 5);
            bytes.putFloat(pick == 5 ? Float.NaN : pick - 2f);
        }
        return add(DType.F32, shape, bytes.array());
    }

    /** Adds floats drawn uniformly from {@code [low, high)}. */
    Twins uniform(double low, double high, long... dims) {
        Shape shape = Shape.of(dims);
        ByteBuffer bytes = buffer(DType.F32, shape);
        for (long i = 0; i < shape.size(); i++) {
            bytes.putFloat((float) random.nextDouble(low, high));
        }
        return add(DType.F32, shape, bytes.array());
    }

    /** Adds I32 values in {@code [0, bound)}. */
    Twins ints(int bound, long... dims) {
        Shape shape = Shape.of(dims);
        ByteBuffer bytes = buffer(DType.I32, shape);
        for (long i = 0; i < shape.size(); i++) {
            bytes.putInt(random.nextInt(bound));
        }
        return add(DType.I32, shape, bytes.array());
    }

    /** Adds an array of random bytes of any dtype (every bit pattern, NaNs included). */
    Twins bits(DType dtype, long... dims) {
        Shape shape = Shape.of(dims);
        byte[] bytes = new byte[(int) dtype.bytesFor(shape.size())];
        random.nextBytes(bytes);
        return add(dtype, shape, bytes);
    }

    /** Adds a zero-filled array. */
    Twins zeros(DType dtype, long... dims) {
        Shape shape = Shape.of(dims);
        return add(dtype, shape, new byte[(int) dtype.bytesFor(shape.size())]);
    }

    /** Runs the call on both backends and requires bit-identical arrays. */
    void exact(String name, BiConsumer<TensorBackend, DeviceArray[]> call) {
        compare(name, call, 0);
    }

    /** Runs the call on both backends and requires F32 results within {@code tolerance}. */
    void close(String name, double tolerance, BiConsumer<TensorBackend, DeviceArray[]> call) {
        compare(name, call, tolerance);
    }

    private Twins add(DType dtype, Shape shape, byte[] bytes) {
        contents.add(bytes);
        dtypes.add(dtype);
        shapes.add(shape);
        return this;
    }

    private static ByteBuffer buffer(DType dtype, Shape shape) {
        return ByteBuffer.allocate((int) dtype.bytesFor(shape.size())).order(ByteOrder.nativeOrder());
    }

    private void compare(String name, BiConsumer<TensorBackend, DeviceArray[]> call,
            double tolerance) {
        List<byte[]> expected = run(cpu, call);
        List<byte[]> actual = run(host, call);
        for (int i = 0; i < expected.size(); i++) {
            String what = name + ", array " + i + " " + dtypes.get(i) + shapes.get(i);
            if (tolerance == 0 || dtypes.get(i) != DType.F32) {
                sameBits(what, dtypes.get(i), expected.get(i), actual.get(i));
            } else {
                within(what, floats(expected.get(i)), floats(actual.get(i)), tolerance);
            }
        }
    }

    private List<byte[]> run(TensorBackend backend, BiConsumer<TensorBackend, DeviceArray[]> call) {
        DeviceArray[] arrays = new DeviceArray[contents.size()];
        try {
            for (int i = 0; i < arrays.length; i++) {
                arrays[i] = backend.upload(MemorySegment.ofArray(contents.get(i)), dtypes.get(i),
                        shapes.get(i));
            }
            call.accept(backend, arrays);
            List<byte[]> results = new ArrayList<>();
            for (DeviceArray array : arrays) {
                results.add(backend.toBytes(array));
            }
            return results;
        } finally {
            for (DeviceArray array : arrays) {
                if (array != null) {
                    array.close();
                }
            }
        }
    }

    /**
     * Requires equal bits, except that two NaNs of a float dtype match whatever their payloads:
     * tensor-cpu's own F32-to-F16 conversion gives different NaN payloads interpreted and
     * compiled, and no contract gives payloads a meaning.
     */
    private static void sameBits(String what, DType dtype, byte[] expected, byte[] actual) {
        if (!dtype.isFloatingPoint()) {
            assertArrayEquals(expected, actual, what + " differs from tensor-cpu");
            return;
        }
        ByteBuffer e = ByteBuffer.wrap(expected).order(ByteOrder.nativeOrder());
        ByteBuffer a = ByteBuffer.wrap(actual).order(ByteOrder.nativeOrder());
        int width = dtype.bits() / 8;
        for (int i = 0; i < expected.length / width; i++) {
            long x = width == 4 ? e.getInt(i * 4) & 0xFFFFFFFFL : e.getShort(i * 2) & 0xFFFF;
            long y = width == 4 ? a.getInt(i * 4) & 0xFFFFFFFFL : a.getShort(i * 2) & 0xFFFF;
            if (x != y && !(isNaN(dtype, x) && isNaN(dtype, y))) {
                fail(what + ": element " + i + " has bits 0x" + Long.toHexString(y)
                        + ", tensor-cpu has 0x" + Long.toHexString(x));
            }
        }
    }

    private static boolean isNaN(DType dtype, long bits) {
        return switch (dtype) {
            case F32 -> Float.isNaN(Float.intBitsToFloat((int) bits));
            case F16 -> (bits & 0x7C00) == 0x7C00 && (bits & 0x03FF) != 0;
            default -> (bits & 0x7F80) == 0x7F80 && (bits & 0x007F) != 0;
        };
    }

    private static float[] floats(byte[] bytes) {
        float[] values = new float[bytes.length / Float.BYTES];
        MemorySegment.ofArray(bytes).asByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer()
                .get(values);
        return values;
    }

    private static void within(String what, float[] expected, float[] actual, double tolerance) {
        double largest = 0;
        for (float e : expected) {
            if (Float.isFinite(e)) {
                largest = Math.max(largest, Math.abs(e));
            }
        }
        for (int i = 0; i < expected.length; i++) {
            float e = expected[i];
            float a = actual[i];
            boolean same = Float.isNaN(e) ? Float.isNaN(a)
                    : Float.isInfinite(e) ? e == a
                    : Math.abs(a - e) <= tolerance * (Math.abs(e) + largest);
            if (!same) {
                fail(what + ": element " + i + " is " + a + ", tensor-cpu has " + e);
            }
        }
    }
}
