package dev.presso.plugins.tensorcpu.internal.index;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.plugins.tensorcpu.internal.kernel.Checks;
import dev.presso.plugins.tensorcpu.internal.kernel.KernelContext;
import dev.presso.plugins.tensorcpu.internal.storage.CpuArray;

/**
 * The k largest elements of each row, largest first: a size-k heap whose root is the worst kept
 * element, then the heap drained in order. NaN ranks above every number; ties go to the lower
 * index.
 */
public final class TopKKernel {
    private static final String OP = "topK";

    private final KernelContext context;

    /** Creates the kernel. */
    public TopKKernel(KernelContext context) {
        this.context = context;
    }

    /** Writes each row's k largest values and their positions. */
    public void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices) {
        CpuArray cx = context.f32(OP, "x", x);
        CpuArray cv = context.f32(OP, "values", values);
        CpuArray ci = context.array(OP, "indices", indices, DType.I32);
        Checks.requireMinRank(OP, "x", cx, 1);
        int n = Checks.dim(cx, -1);
        if (k < 1 || k > n) {
            throw new TensorException(OP, "k = " + k + " for x " + cx.shape()
                    + "; expected 1 <= k <= " + n);
        }
        Checks.requireShape(OP, "values", cv, cx.shape().with(-1, k), "x " + cx.shape()
                + " with last dimension k = " + k);
        Checks.requireShape(OP, "indices", ci, cx.shape().with(-1, k), "x " + cx.shape()
                + " with last dimension k = " + k);
        Checks.requireNoAlias(OP, cv, cx);
        float[] xs = cx.floats();
        float[] vs = cv.floats();
        int[] is = ci.ints();
        context.parallel().forRows(cx.size() / n, n, KernelContext.ROW_GRAIN, (from, to) -> {
            int[] heap = new int[k];
            for (int row = from; row < to; row++) {
                select(xs, row * n, n, heap);
                for (int j = 0; j < k; j++) {
                    is[row * k + j] = heap[j];
                    vs[row * k + j] = xs[row * n + heap[j]];
                }
            }
        });
    }

    /** Leaves the positions of the k best elements of the row in {@code heap}, best first. */
    private static void select(float[] x, int offset, int n, int[] heap) {
        int k = heap.length;
        for (int i = 0; i < k; i++) {
            heap[i] = i;
        }
        for (int i = k / 2 - 1; i >= 0; i--) {
            siftDown(x, offset, heap, i, k);
        }
        float threshold = x[offset + heap[0]];
        for (int i = k; i < n; i++) {
            // Fast rejection; NaN compares false and takes the full test.
            if (x[offset + i] < threshold) {
                continue;
            }
            if (ranksBefore(x, offset, i, heap[0])) {
                heap[0] = i;
                siftDown(x, offset, heap, 0, k);
                threshold = x[offset + heap[0]];
            }
        }
        for (int size = k - 1; size > 0; size--) {
            int worst = heap[0];
            heap[0] = heap[size];
            heap[size] = worst;
            siftDown(x, offset, heap, 0, size);
        }
    }

    /** Restores the heap property: every parent ranks after its children (root = worst). */
    private static void siftDown(float[] x, int offset, int[] heap, int at, int size) {
        int i = at;
        while (true) {
            int worst = i;
            int left = 2 * i + 1;
            int right = left + 1;
            if (left < size && ranksBefore(x, offset, heap[worst], heap[left])) {
                worst = left;
            }
            if (right < size && ranksBefore(x, offset, heap[worst], heap[right])) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            int swap = heap[i];
            heap[i] = heap[worst];
            heap[worst] = swap;
            i = worst;
        }
    }

    /** Returns whether element i of the row ranks before element j. */
    static boolean ranksBefore(float[] x, int offset, int i, int j) {
        float a = x[offset + i];
        float b = x[offset + j];
        if (a > b) {
            return true;
        }
        if (a < b) {
            return false;
        }
        boolean aNaN = Float.isNaN(a);
        boolean bNaN = Float.isNaN(b);
        return aNaN != bNaN ? aNaN : i < j;
    }
}
