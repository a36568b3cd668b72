package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import java.util.List;

/**
 * Dtype conversion and downloads. A cast between floating-point types is differentiable; since
 * gradients flow in F32, its rule passes the gradient through unchanged.
 */
final class Casts {
    private static final BackwardRule IDENTITY = (node, grad) -> new Tensor[] {grad};

    private Casts() {}

    static HostTensor cast(HostTensor x, DType target) {
        x.checkOpen("cast");
        HostTensor y = target == x.dtype() ? x.view(x.shape(), true) : convert(x, target, true);
        if (x.dtype().isFloatingPoint() && target.isFloatingPoint()) {
            Autograd.record("cast(" + target + ")", y, List.of(x), List.of(), IDENTITY);
        }
        return y;
    }

    /** Returns a converted copy (a plain copy for the same dtype) that records nothing. */
    static HostTensor convert(HostTensor x, DType target, boolean register) {
        TensorBackend backend = x.factory.backend();
        return x.factory.compute(target, x.shape(), register, out -> {
            if (target == x.dtype()) {
                backend.copy(x.array(), out);
            } else {
                backend.cast(x.array(), out);
            }
        });
    }

    static float[] toFloats(HostTensor x) {
        x.checkOpen("toFloatArray");
        if (x.dtype() == DType.F32) {
            return x.factory.backend().toFloats(x.array());
        }
        if (x.dtype().isPacked()) {
            throw new TensorException("toFloatArray", "cannot convert packed codes " + x.describe()
                    + " to floats; expected F32, F16, BF16, I32, I8 or U8");
        }
        try (HostTensor converted = convert(x, DType.F32, false)) {
            return x.factory.backend().toFloats(converted.array());
        }
    }

    static int[] toInts(HostTensor x) {
        x.checkOpen("toIntArray");
        if (x.dtype() == DType.I32) {
            return x.factory.backend().toInts(x.array());
        }
        if (x.dtype() != DType.I8 && x.dtype() != DType.U8) {
            throw new TensorException("toIntArray", "expected an integer tensor (I32, I8 or U8), got "
                    + x.describe());
        }
        try (HostTensor converted = convert(x, DType.I32, false)) {
            return x.factory.backend().toInts(converted.array());
        }
    }
}
