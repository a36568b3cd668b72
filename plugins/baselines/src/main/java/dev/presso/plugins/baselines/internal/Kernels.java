package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.util.function.Consumer;

/**
 * The backend kernels the tensor front end does not offer (packing into code types, indexed
 * accumulation, triangular solves), each run into a freshly allocated array that is then wrapped
 * as a tensor of the current scope.
 */
final class Kernels {
    private Kernels() {}

    /**
     * Packs small non-negative integers into a code type, exactly: {@link
     * dev.presso.kernel.tensor.QuantKernels#quantize} with scale 1 and zero point 0.
     *
     * @param tensors the front end
     * @param values F32 integers in {@code [0, 2^bits)} {@code [R, C]}
     * @param codeType {@link DType#I1}, {@link DType#I2}, {@link DType#I4} or {@link DType#U8}
     * @return the packed codes {@code [R, C]}
     */
    static Tensor pack(Tensors tensors, Tensor values, DType codeType) {
        long rows = values.shape().dim(0);
        Tensor ones = tensors.full(Shape.of(rows, 1), 1f);
        Tensor zeros = tensors.zeros(DType.F32, Shape.of(rows, 1));
        return run(tensors, codeType, values.shape(),
                out -> tensors.backend().quantize(values.array(), ones.array(), zeros.array(), out));
    }

    /**
     * Reads packed codes back as F32 integers: {@link
     * dev.presso.kernel.tensor.QuantKernels#dequantize} with scale 1 and zero point 0.
     *
     * @param tensors the front end
     * @param codes codes {@code [R, C]} of a code type
     * @return the F32 values {@code [R, C]}
     */
    static Tensor unpack(Tensors tensors, Tensor codes) {
        long rows = codes.shape().dim(0);
        Tensor ones = tensors.full(Shape.of(rows, 1), 1f);
        Tensor zeros = tensors.zeros(DType.F32, Shape.of(rows, 1));
        return run(tensors, DType.F32, codes.shape(),
                out -> tensors.backend().dequantize(codes.array(), ones.array(), zeros.array(), out));
    }

    /**
     * Adds rows into a zero table: {@code out[indices[i], :] += source[i, :]}.
     *
     * @param tensors the front end
     * @param source F32 rows {@code [N, D]}
     * @param indices I32 row numbers {@code [N]}
     * @param rows the table's row count
     * @return the table {@code [rows, D]}
     */
    static Tensor scatterAdd(Tensors tensors, Tensor source, Tensor indices, long rows) {
        return run(tensors, DType.F32, Shape.of(rows, source.shape().dim(1)),
                out -> tensors.backend().scatterAdd(source.array(), indices.array(), out));
    }

    /**
     * Solves {@code op(a) x = b} for a triangular {@code a}.
     *
     * @param tensors the front end
     * @param a the F32 triangular matrix {@code [N, N]}
     * @param b the F32 right-hand sides {@code [N, K]}
     * @param lower whether {@code a} is lower triangular
     * @param transposeA whether to solve with {@code a}'s transpose
     * @return the solution {@code [N, K]}
     */
    static Tensor triangularSolve(Tensors tensors, Tensor a, Tensor b, boolean lower, boolean transposeA) {
        return run(tensors, DType.F32, b.shape(),
                out -> tensors.backend().triangularSolve(a.array(), b.array(), lower, transposeA, out));
    }

    private static Tensor run(Tensors tensors, DType dtype, Shape shape, Consumer<DeviceArray> kernel) {
        TensorBackend backend = tensors.backend();
        DeviceArray out = backend.allocate(dtype, shape);
        try {
            kernel.accept(out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return tensors.wrap(out);
    }
}
