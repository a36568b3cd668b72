package dev.presso.plugins.tensorcpu.internal.reduce;

import dev.presso.kernel.tensor.Shape;
import java.util.Arrays;

/**
 * The axes of a reduction merged into alternating groups of kept and reduced dimensions (size-1
 * dimensions dropped). The input is walked as {@code outer} runs of {@code inner} contiguous
 * elements, where the last group supplies the runs.
 *
 * @param sizes group sizes, outermost first, at least one
 * @param reduced whether each group is reduced
 */
record ReducePlan(int[] sizes, boolean[] reduced) {
    /** Groups {@code x}'s axes; an axis is reduced where {@code out} is 1 and {@code x} is not. */
    static ReducePlan of(Shape x, Shape out) {
        int[] sizes = new int[x.rank() + 1];
        boolean[] reduced = new boolean[x.rank() + 1];
        int groups = 0;
        for (int axis = 0; axis < x.rank(); axis++) {
            int size = (int) x.dim(axis);
            if (size == 1) {
                continue;
            }
            boolean r = out.dim(axis) == 1;
            if (groups > 0 && reduced[groups - 1] == r) {
                sizes[groups - 1] *= size;
            } else {
                sizes[groups] = size;
                reduced[groups] = r;
                groups++;
            }
        }
        if (groups == 0) {
            sizes[0] = 1;
            groups = 1;
        }
        return new ReducePlan(Arrays.copyOf(sizes, groups), Arrays.copyOf(reduced, groups));
    }

    /** Returns the contiguous run length: the size of the last group. */
    int inner() {
        return sizes[sizes.length - 1];
    }

    /** Returns whether the runs themselves are reduced (the last group is a reduced one). */
    boolean innerReduced() {
        return reduced[sizes.length - 1];
    }

    /** Returns the number of runs. */
    int outer() {
        int outer = 1;
        for (int g = 0; g < sizes.length - 1; g++) {
            outer *= sizes[g];
        }
        return outer;
    }

    /** Returns whether any group other than the last is reduced. */
    boolean outerReduced() {
        for (int g = 0; g < sizes.length - 1; g++) {
            if (reduced[g]) {
                return true;
            }
        }
        return false;
    }

    /** Returns the index among the output's kept outer positions of run {@code run}. */
    int keptIndex(int run) {
        int index = 0;
        int stride = 1;
        int rest = run;
        for (int g = sizes.length - 2; g >= 0; g--) {
            int coordinate = rest % sizes[g];
            rest /= sizes[g];
            if (!reduced[g]) {
                index += coordinate * stride;
                stride *= sizes[g];
            }
        }
        return index;
    }
}
