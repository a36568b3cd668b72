package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import dev.presso.fixtures.ElementCodec;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.tck.internal.Comparison;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The backend under test next to the float64 reference backend, for differential tests: create
 * {@link PairedArray}s with identical contents on both, {@link #run} a kernel on both sides, and
 * compare the outputs within the {@link Tolerances}.
 *
 * <pre>{@code
 * PairedArray a = pair.gaussian(Shape.of(17, 33));
 * PairedArray b = pair.gaussian(Shape.of(33, 5));
 * PairedArray c = pair.output(DType.F32, Shape.of(17, 5));
 * pair.run(s -> s.backend().gemm(false, false, 1f, s.get(a), s.get(b), 0f, s.get(c)));
 * pair.assertClose("gemm", c);
 * }</pre>
 *
 * <p>A pair is created per test method and closes the arrays it created when the method ends
 * (or at {@link #closeArrays()}). Random data comes from a source seeded by the test's name, so
 * every run of a test sees the same inputs.
 *
 * @since 1.0
 */
public final class BackendPair implements AutoCloseable {
    private final TensorBackend actual;
    private final TensorBackend reference;
    private final Tolerances tolerances;
    private final boolean large;
    private final SplittableRandom random;
    private final List<DeviceArray> owned = new ArrayList<>();

    /**
     * Creates a pair; the conformance extension does this for every test method.
     *
     * @param actual the backend under test
     * @param reference the float64 reference backend
     * @param tolerances the tolerances to compare with
     * @param large whether large inputs are included
     * @param seed the seed of this test's random data
     */
    public BackendPair(TensorBackend actual, TensorBackend reference, Tolerances tolerances,
            boolean large, long seed) {
        this.actual = actual;
        this.reference = reference;
        this.tolerances = tolerances;
        this.large = large;
        this.random = new SplittableRandom(seed);
    }

    /** Returns the backend under test. @return the backend */
    public TensorBackend actual() {
        return actual;
    }

    /** Returns the float64 reference backend. @return the reference */
    public TensorBackend reference() {
        return reference;
    }

    /** Returns the tolerances in force. @return the tolerances */
    public Tolerances tolerances() {
        return tolerances;
    }

    /** Returns whether large inputs are included. @return {@code true} to run the large cases */
    public boolean large() {
        return large;
    }

    /** Returns this test's seeded random source. @return the random source */
    public SplittableRandom random() {
        return random;
    }

    // ---- creating arrays ----

    /**
     * Uploads the same values to both backends.
     *
     * @param values the values, integral and in range for integer dtypes
     * @param dtype the element type; floating-point values round to it
     * @param shape the dimensions
     * @return the paired array
     */
    public PairedArray upload(double[] values, DType dtype, Shape shape) {
        byte[] raw = ElementCodec.encode(values, dtype);
        return new PairedArray(
                track(actual.upload(MemorySegment.ofArray(raw), dtype, shape)),
                track(reference.upload(MemorySegment.ofArray(raw), dtype, shape)));
    }

    /**
     * Uploads F32 values.
     *
     * @param values the values
     * @param shape the dimensions
     * @return the paired array
     */
    public PairedArray floats(float[] values, Shape shape) {
        double[] v = new double[values.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = values[i];
        }
        return upload(v, DType.F32, shape);
    }

    /**
     * Uploads I32 values.
     *
     * @param values the values
     * @param shape the dimensions
     * @return the paired array
     */
    public PairedArray ints(int[] values, Shape shape) {
        return upload(Arrays.stream(values).asDoubleStream().toArray(), DType.I32, shape);
    }

    /**
     * Uploads standard normal F32 samples.
     *
     * @param shape the dimensions
     * @return the paired array
     */
    public PairedArray gaussian(Shape shape) {
        return upload(gaussianValues(Math.toIntExact(shape.size()), 1.0), DType.F32, shape);
    }

    /**
     * Uploads normal samples of a standard deviation, rounded to a dtype.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @param std the standard deviation
     * @return the paired array
     */
    public PairedArray gaussian(DType dtype, Shape shape, double std) {
        return upload(gaussianValues(Math.toIntExact(shape.size()), std), dtype, shape);
    }

    /**
     * Uploads F32 samples uniform in {@code [low, high)}.
     *
     * @param shape the dimensions
     * @param low the lower bound
     * @param high the upper bound
     * @return the paired array
     */
    public PairedArray uniform(Shape shape, double low, double high) {
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextDouble(low, high);
        }
        return upload(v, DType.F32, shape);
    }

    /**
     * Returns normal samples.
     *
     * @param count how many
     * @param std the standard deviation
     * @return the samples
     */
    public double[] gaussianValues(int count, double std) {
        double[] v = new double[count];
        for (int i = 0; i < count; i++) {
            v[i] = std * gaussian();
        }
        return v;
    }

    private double gaussian() {
        double u = random.nextDouble();
        double w = random.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * w);
    }

    /**
     * Allocates an output filled with garbage (NaN for floating-point dtypes, a bit pattern for
     * the others), so that elements a kernel fails to write show up as mismatches.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return the paired array
     */
    public PairedArray output(DType dtype, Shape shape) {
        byte[] raw = new byte[Math.toIntExact(dtype.bytesFor(shape.size()))];
        if (dtype.isFloatingPoint()) {
            double[] nans = new double[Math.toIntExact(shape.size())];
            Arrays.fill(nans, Double.NaN);
            raw = ElementCodec.encode(nans, dtype);
        } else {
            Arrays.fill(raw, (byte) 0x5A);
        }
        return new PairedArray(
                track(actual.upload(MemorySegment.ofArray(raw), dtype, shape)),
                track(reference.upload(MemorySegment.ofArray(raw), dtype, shape)));
    }

    /**
     * Allocates a zero-filled array on both backends.
     *
     * @param dtype the element type
     * @param shape the dimensions
     * @return the paired array
     */
    public PairedArray zeros(DType dtype, Shape shape) {
        return new PairedArray(track(actual.allocate(dtype, shape)),
                track(reference.allocate(dtype, shape)));
    }

    /**
     * Adopts an array of the backend under test so it is closed with this pair's arrays.
     *
     * @param array an array of the backend under test
     * @return the same array
     */
    public DeviceArray track(DeviceArray array) {
        owned.add(array);
        return array;
    }

    // ---- running and comparing ----

    /**
     * Runs a kernel on the reference side, then on the backend under test.
     *
     * @param kernel the kernel call, written once for both sides
     */
    public void run(Consumer<Side> kernel) {
        try {
            kernel.accept(new Side(reference, true));
        } catch (TensorException e) {
            throw new IllegalStateException("the conformance kit passed arguments that the "
                    + "reference backend rejects: " + e.getMessage(), e);
        }
        kernel.accept(new Side(actual, false));
    }

    /**
     * Asserts that the backend under test rejects a call with a {@link TensorException}, as the
     * reference does.
     *
     * @param what the case, for the failure message
     * @param kernel the call
     * @return the backend's exception
     */
    public TensorException assertRejected(String what, Consumer<Side> kernel) {
        assertThrows(TensorException.class, () -> kernel.accept(new Side(reference, true)),
                () -> "kit error: the reference accepts " + what);
        TensorException e = assertThrows(TensorException.class,
                () -> kernel.accept(new Side(actual, false)),
                () -> what + ": expected a TensorException");
        if (e.getMessage() == null || e.getMessage().isBlank() || e.op().isBlank()) {
            fail(what + ": the TensorException names no operation or has no message");
        }
        return e;
    }

    /**
     * Returns an array's elements as doubles (packed types as their codes).
     *
     * @param side which backend the array lives on
     * @param array the array
     * @return the elements, row-major
     */
    public static double[] values(TensorBackend side, DeviceArray array) {
        return ElementCodec.decode(side.toBytes(array), array.dtype(),
                Math.toIntExact(array.shape().size()));
    }

    /**
     * Returns the backend's values of a paired array.
     *
     * @param array the paired array
     * @return the values on the backend under test
     */
    public double[] actualValues(PairedArray array) {
        return values(actual, array.actual());
    }

    /**
     * Returns the reference values of a paired array.
     *
     * @param array the paired array
     * @return the values on the reference backend
     */
    public double[] expectedValues(PairedArray array) {
        return values(reference, array.expected());
    }

    /**
     * Asserts closeness within the elementwise tolerances.
     *
     * @param what the case, for the failure message
     * @param out the output to compare
     */
    public void assertClose(String what, PairedArray out) {
        assertClose(what, out, tolerances.elementwise(), tolerances.elementwiseNormwise());
    }

    /**
     * Asserts {@code |a - e| <= relative * |e| + normwise * max|e|} for every element.
     *
     * @param what the case, for the failure message
     * @param out the output to compare
     * @param relative the relative tolerance
     * @param normwise the normwise tolerance
     */
    public void assertClose(String what, PairedArray out, double relative, double normwise) {
        double[] expected = expectedValues(out);
        assertWithin(what, out, Comparison.bounds(expected, relative, normwise));
    }

    /**
     * Asserts that every element equals the reference (NaN equals NaN).
     *
     * @param what the case, for the failure message
     * @param out the output to compare
     */
    public void assertExact(String what, PairedArray out) {
        assertWithin(what, out, new double[Math.toIntExact(out.shape().size())]);
    }

    /**
     * Asserts {@code |a - e| <= bounds[i]} for every element.
     *
     * @param what the case, for the failure message
     * @param out the output to compare
     * @param bounds the allowed absolute difference per element
     */
    public void assertWithin(String what, PairedArray out, double[] bounds) {
        String problem = Comparison.mismatches(what + " " + out.dtype() + out.shape(),
                out.shape(), actualValues(out), expectedValues(out), bounds);
        if (problem != null) {
            fail(problem);
        }
    }

    /** Closes every array this pair created so far. */
    public void closeArrays() {
        for (DeviceArray array : owned) {
            array.close();
        }
        owned.clear();
    }

    /** Closes every array this pair created. */
    @Override
    public void close() {
        closeArrays();
    }
}
