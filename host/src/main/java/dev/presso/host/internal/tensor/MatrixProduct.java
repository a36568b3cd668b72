package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Matrix products over the last two axes, batched over leading ones, and their gradients:
 * {@code d op(A) = dC op(B)^T} and {@code d op(B) = op(A)^T dC}, expressed with the same GEMM and
 * transpose flags. A rank-2 operand shared by every batch gets the sum over the batch.
 */
final class MatrixProduct {
    private MatrixProduct() {}

    static HostTensor matmul(HostTensor a, HostTensor b, boolean transposeA, boolean transposeB) {
        Shape shape = resultShape(a, b, transposeA, transposeB);
        TensorBackend backend = a.factory.backend();
        HostTensor c = a.factory.compute(DType.F32, shape,
                out -> backend.gemm(transposeA, transposeB, 1f, a.array(), b.array(), 0f, out));
        Autograd.record("matmul", c, List.of(a, b), List.of(a, b),
                (node, g) -> gradients(node, g, transposeA, transposeB));
        return c;
    }

    private static Shape resultShape(HostTensor a, HostTensor b, boolean transposeA, boolean transposeB) {
        a.checkOpen("matmul");
        b.checkOpen("matmul");
        Shape sa = a.shape();
        Shape sb = b.shape();
        if (sa.rank() < 2 || sb.rank() < 2) {
            throw new TensorException("matmul", "expected operands of rank >= 2, got " + sa + " and " + sb
                    + "; reshape a vector to [1, n] or [n, 1]");
        }
        for (HostTensor t : List.of(a, b)) {
            if (!t.dtype().isFloatingPoint()) {
                throw new TensorException("matmul", "expected floating-point operands, got " + t.describe());
            }
        }
        long m = sa.dim(transposeA ? -1 : -2);
        long k = sa.dim(transposeA ? -2 : -1);
        long kb = sb.dim(transposeB ? -1 : -2);
        long n = sb.dim(transposeB ? -2 : -1);
        if (k != kb) {
            throw new TensorException("matmul", "inner dimensions differ: a is " + sa
                    + (transposeA ? " (transposed)" : "") + ", b is " + sb + (transposeB ? " (transposed)" : "")
                    + "; expected a's columns (" + k + ") to equal b's rows (" + kb + ")");
        }
        long[] batchA = Arrays.copyOf(sa.toArray(), sa.rank() - 2);
        long[] batchB = Arrays.copyOf(sb.toArray(), sb.rank() - 2);
        if (batchA.length > 0 && batchB.length > 0 && !Arrays.equals(batchA, batchB)) {
            throw new TensorException("matmul", "batch dimensions differ: a is " + sa + ", b is " + sb
                    + "; expected equal leading dimensions, or a rank-2 operand shared by every batch");
        }
        long[] batch = batchA.length > 0 ? batchA : batchB;
        long[] dims = Arrays.copyOf(batch, batch.length + 2);
        dims[batch.length] = m;
        dims[batch.length + 1] = n;
        return Shape.of(dims);
    }

    private static @Nullable Tensor[] gradients(Node node, HostTensor g, boolean transposeA, boolean transposeB) {
        HostTensor a = asF32(node.saved(0));
        HostTensor b = asF32(node.saved(1));
        Tensor gradA = null;
        Tensor gradB = null;
        if (node.needs(0)) {
            Tensor full = transposeA ? b.matmul(g, transposeB, true) : g.matmul(b, false, !transposeB);
            gradA = Broadcasting.sumTo((HostTensor) full, node.inputShape(0));
        }
        if (node.needs(1)) {
            gradB = sharedRightGradient(a, g, node.inputShape(1), transposeA, transposeB);
            if (gradB == null) {
                Tensor full = transposeB ? g.matmul(a, true, transposeA) : a.matmul(g, !transposeA, false);
                gradB = Broadcasting.sumTo((HostTensor) full, node.inputShape(1));
            }
        }
        return new Tensor[] {gradA, gradB};
    }

    /**
     * For a batched {@code a [..., M, K]} times a shared rank-2 {@code b}, sums over the batch in one
     * GEMM by flattening the batch into rows; null when the layout does not allow it.
     */
    private static @Nullable Tensor sharedRightGradient(HostTensor a, HostTensor g, Shape shapeB,
            boolean transposeA, boolean transposeB) {
        if (transposeA || shapeB.rank() != 2 || a.shape().rank() <= 2) {
            return null;
        }
        Tensor rowsA = a.reshape(-1, a.shape().dim(-1));
        Tensor rowsG = g.reshape(-1, g.shape().dim(-1));
        return transposeB ? rowsG.matmul(rowsA, true, false) : rowsA.matmul(rowsG, true, false);
    }

    private static HostTensor asF32(HostTensor t) {
        return t.dtype() == DType.F32 ? t : Casts.convert(t, DType.F32, true);
    }
}
