package dev.presso.tck;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.tck.internal.Cases;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of the layout kernels {@code copy}, {@code permute} and {@code copySlice}, which
 * move elements without arithmetic and so must match the reference bit for bit, for every dtype
 * they accept.
 *
 * @since 1.0
 */
public interface LayoutContract extends BackendContract {
    /**
     * Copy moves elements of every dtype, packed ones included, into an array of another shape.
     *
     * @param pair the backends
     * @return one test per dtype
     */
    @TestFactory
    default Stream<DynamicTest> copyMovesEveryDtype(BackendPair pair) {
        Cases cases = new Cases(pair);
        for (DType dtype : DType.values()) {
            cases.add("copy " + dtype + " [5, 7] -> [35]", () -> {
                PairedArray source = randomOf(pair, dtype, Shape.of(5, 7));
                PairedArray target = pair.output(dtype, Shape.of(35));
                pair.run(s -> s.backend().copy(s.get(source), s.get(target)));
                pair.assertExact("copy " + dtype, target);
            });
        }
        return cases.stream();
    }

    /**
     * Permute reorders axes of ranks 1 to 4, for F32 and narrower unpacked dtypes.
     *
     * @param pair the backends
     * @return one test per shape, permutation and dtype
     */
    @TestFactory
    default Stream<DynamicTest> permuteReordersAxes(BackendPair pair) {
        Cases cases = new Cases(pair);
        Object[][] permutations = {
            {Shape.of(7), new int[] {0}},
            {Shape.of(3, 172), new int[] {1, 0}},
            {Shape.of(2, 3, 4, 5), new int[] {0, 2, 1, 3}},
            {Shape.of(2, 3, 4, 5), new int[] {3, 2, 1, 0}},
            {Shape.of(3, 1, 4), new int[] {2, 0, 1}},
            {Shape.of(2, 3, 4), new int[] {0, 1, 2}},
            {Shape.of(64, 65), new int[] {1, 0}},
        };
        for (DType dtype : new DType[] {DType.F32, DType.I32, DType.BF16, DType.I8}) {
            for (Object[] p : permutations) {
                Shape shape = (Shape) p[0];
                int[] axes = (int[]) p[1];
                cases.add("permute " + dtype + " " + shape + " by " + Arrays.toString(axes), () -> {
                    long[] permuted = new long[axes.length];
                    for (int i = 0; i < axes.length; i++) {
                        permuted[i] = shape.dim(axes[i]);
                    }
                    PairedArray x = randomOf(pair, dtype, shape);
                    PairedArray out = pair.output(dtype, Shape.of(permuted));
                    pair.run(s -> s.backend().permute(s.get(x), axes, s.get(out)));
                    pair.assertExact("permute", out);
                });
            }
        }
        return cases.stream();
    }

    /**
     * CopySlice slices, concatenates and pads along any axis, negative axes included, leaving
     * the rest of the target untouched.
     *
     * @param pair the backends
     * @return one test per case
     */
    @TestFactory
    default Stream<DynamicTest> copySliceMovesRanges(BackendPair pair) {
        Cases cases = new Cases(pair);
        Object[][] slices = {
            // source, target, axis, sourceStart, targetStart, length
            {Shape.of(5, 172), Shape.of(5, 100), 1, 4L, 0L, 100L},
            {Shape.of(5, 100), Shape.of(5, 200), -1, 0L, 100L, 100L},
            {Shape.of(6, 3), Shape.of(10, 3), 0, 0L, 2L, 6L},
            {Shape.of(2, 7, 3, 4), Shape.of(2, 5, 3, 4), 1, 2L, 1L, 3L},
            {Shape.of(1), Shape.of(1), 0, 0L, 0L, 1L},
            {Shape.of(4, 4), Shape.of(4, 4), 1, 1L, 1L, 0L},
        };
        for (DType dtype : new DType[] {DType.F32, DType.I32, DType.F16, DType.U8}) {
            for (Object[] c : slices) {
                Shape from = (Shape) c[0];
                Shape to = (Shape) c[1];
                int axis = (int) c[2];
                long sourceStart = (long) c[3];
                long targetStart = (long) c[4];
                long length = (long) c[5];
                cases.add("copySlice " + dtype + " " + from + " -> " + to + " axis " + axis + " ["
                        + sourceStart + ", +" + length + ") at " + targetStart, () -> {
                    PairedArray source = randomOf(pair, dtype, from);
                    PairedArray target = randomOf(pair, dtype, to);
                    pair.run(s -> s.backend().copySlice(s.get(source), s.get(target), axis,
                            sourceStart, targetStart, length));
                    pair.assertExact("copySlice", target);
                });
            }
        }
        return cases.stream();
    }

    /**
     * Layout kernels reject mismatched sizes, dtypes, axes and ranges.
     *
     * @param pair the backends
     * @return one test per malformed call
     */
    @TestFactory
    default Stream<DynamicTest> layoutRejectsMalformedArguments(BackendPair pair) {
        Cases cases = new Cases(pair);
        cases.add("copy rejects a different element count", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(6));
            PairedArray b = pair.zeros(DType.F32, Shape.of(7));
            pair.assertRejected("copy [6] -> [7]", s -> s.backend().copy(s.get(a), s.get(b)));
        });
        cases.add("copy rejects a different dtype", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(6));
            PairedArray b = pair.zeros(DType.I32, Shape.of(6));
            pair.assertRejected("copy F32 -> I32", s -> s.backend().copy(s.get(a), s.get(b)));
        });
        cases.add("permute rejects axes that are not a permutation", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(2, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3, 2));
            pair.assertRejected("permute by [1, 1]",
                    s -> s.backend().permute(s.get(a), new int[] {1, 1}, s.get(b)));
        });
        cases.add("permute rejects an output of the unpermuted shape", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(2, 3));
            PairedArray b = pair.zeros(DType.F32, Shape.of(2, 3));
            pair.assertRejected("permute [2,3] by [1,0] into [2,3]",
                    s -> s.backend().permute(s.get(a), new int[] {1, 0}, s.get(b)));
        });
        cases.add("copySlice rejects a range past the source", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(2, 5));
            PairedArray b = pair.zeros(DType.F32, Shape.of(2, 5));
            pair.assertRejected("copySlice [3, +3) of 5",
                    s -> s.backend().copySlice(s.get(a), s.get(b), 1, 3, 0, 3));
        });
        cases.add("copySlice rejects other dimensions that differ", () -> {
            PairedArray a = pair.zeros(DType.F32, Shape.of(2, 5));
            PairedArray b = pair.zeros(DType.F32, Shape.of(3, 5));
            pair.assertRejected("copySlice [2,5] -> [3,5] along axis 1",
                    s -> s.backend().copySlice(s.get(a), s.get(b), 1, 0, 0, 2));
        });
        return cases.stream();
    }

    /** Returns random contents of any dtype: normal floats, or integers in the dtype's range. */
    private static PairedArray randomOf(BackendPair pair, DType dtype, Shape shape) {
        int n = Math.toIntExact(shape.size());
        if (dtype.isFloatingPoint()) {
            return pair.gaussian(dtype, shape, 3);
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (dtype) {
                case I32 -> pair.random().nextInt();
                case I8 -> pair.random().nextInt(-128, 128);
                default -> pair.random().nextInt(1 << Math.min(dtype.bits(), 8));
            };
        }
        return pair.upload(v, dtype, shape);
    }
}
