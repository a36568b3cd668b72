package dev.presso.kernel.tensor;

import java.util.Arrays;

/**
 * An immutable list of non-negative dimension sizes, outermost first (row-major).
 *
 * <p>A shape of rank 0 describes a scalar with one element. Instances are values: compare them
 * with {@link #equals(Object)}.
 *
 * <pre>{@code
 * Shape s = Shape.of(2, 3, 4);
 * s.rank();      // 3
 * s.size();      // 24
 * s.dim(-1);     // 4
 * }</pre>
 *
 * @since 1.0
 */
public final class Shape {
    private static final Shape SCALAR = new Shape(new long[0]);

    private final long[] dims;

    private Shape(long[] dims) {
        this.dims = dims;
    }

    /**
     * Returns the shape with the given dimensions.
     *
     * @param dims the dimension sizes, each at least 0; copied
     * @return the shape
     * @throws IllegalArgumentException if a dimension is negative or the size overflows a long
     */
    public static Shape of(long... dims) {
        long[] copy = dims.clone();
        long size = 1;
        for (int i = 0; i < copy.length; i++) {
            if (copy[i] < 0) {
                throw new IllegalArgumentException(
                        "dimension " + i + " of " + Arrays.toString(copy) + " must be >= 0");
            }
            size = Math.multiplyExact(size, copy[i]);
        }
        return copy.length == 0 ? SCALAR : new Shape(copy);
    }

    /**
     * Returns the shape with the given {@code int} dimensions.
     *
     * @param dims the dimension sizes, each at least 0
     * @return the shape
     */
    public static Shape ofInts(int... dims) {
        return of(Arrays.stream(dims).asLongStream().toArray());
    }

    /**
     * Returns the rank-0 shape of a scalar.
     *
     * @return the scalar shape
     */
    public static Shape scalar() {
        return SCALAR;
    }

    /**
     * Returns the NumPy broadcast shape of two operand shapes: aligned at their last dimension,
     * each pair of dimensions must be equal or one of them 1.
     *
     * <pre>{@code
     * Shape.broadcast("add", Shape.of(8, 1, 4), Shape.of(3, 1));   // [8, 3, 4]
     * }</pre>
     *
     * @param op the operation asking, named in the error
     * @param a the left shape
     * @param b the right shape
     * @return the broadcast shape
     * @throws TensorException if the shapes do not broadcast, naming both and the dimension
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int rank = Math.max(a.rank(), b.rank());
        long[] dims = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = a.dimFromEnd(rank - i);
            long db = b.dimFromEnd(rank - i);
            if (da != db && da != 1 && db != 1) {
                throw new TensorException(op, "shapes " + a + " and " + b + " do not broadcast: "
                        + "dimension " + (i - rank) + " is " + da + " in one and " + db
                        + " in the other; expected equal sizes or 1");
            }
            dims[i] = da == 1 ? db : da;
        }
        return of(dims);
    }

    /** Returns the dimension {@code fromEnd} places from the end, or 1 beyond the rank. */
    private long dimFromEnd(int fromEnd) {
        int axis = dims.length - fromEnd;
        return axis < 0 ? 1 : dims[axis];
    }

    /**
     * Returns the number of dimensions.
     *
     * @return the rank, at least 0
     */
    public int rank() {
        return dims.length;
    }

    /**
     * Returns one dimension size; negative indices count from the end.
     *
     * @param axis an index in {@code [-rank, rank)}
     * @return the size of that dimension
     */
    public long dim(int axis) {
        return dims[axis(axis)];
    }

    /**
     * Normalizes an axis index, so that {@code -1} names the last dimension.
     *
     * @param axis an index in {@code [-rank, rank)}
     * @return the index in {@code [0, rank)}
     * @throws IllegalArgumentException if the axis is out of range
     */
    public int axis(int axis) {
        int a = axis < 0 ? axis + dims.length : axis;
        if (a < 0 || a >= dims.length) {
            throw new IllegalArgumentException(
                    "axis " + axis + " is out of range for shape " + this);
        }
        return a;
    }

    /**
     * Returns the total number of elements, the product of all dimensions.
     *
     * @return the element count; 1 for a scalar
     */
    public long size() {
        long size = 1;
        for (long d : dims) {
            size *= d;
        }
        return size;
    }

    /**
     * Returns the dimensions as a fresh array.
     *
     * @return a copy of the dimensions
     */
    public long[] toArray() {
        return dims.clone();
    }

    /**
     * Returns the dimensions as a fresh {@code int} array.
     *
     * @return a copy of the dimensions
     * @throws ArithmeticException if a dimension exceeds {@link Integer#MAX_VALUE}
     */
    public int[] toIntArray() {
        int[] out = new int[dims.length];
        for (int i = 0; i < dims.length; i++) {
            out[i] = Math.toIntExact(dims[i]);
        }
        return out;
    }

    /**
     * Returns the product of the dimensions in {@code [from, to)}.
     *
     * @param from the first axis, inclusive
     * @param to the last axis, exclusive
     * @return the product; 1 for an empty range
     */
    public long sizeOf(int from, int to) {
        long size = 1;
        for (int i = from; i < to; i++) {
            size *= dims[i];
        }
        return size;
    }

    /**
     * Returns this shape with one dimension replaced.
     *
     * @param axis the axis, negative counts from the end
     * @param size the new size, at least 0
     * @return the new shape
     */
    public Shape with(int axis, long size) {
        long[] copy = dims.clone();
        copy[axis(axis)] = size;
        return of(copy);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /**
     * Returns the dimensions in brackets, for example {@code [2, 3, 4]}.
     *
     * @return the text form
     */
    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
