package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Eigh;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Svd;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Operations with several outputs that are not differentiable: top-k and the matrix
 * decompositions. Their results are new leaves that require no gradient.
 */
final class Decompositions {
    private Decompositions() {}

    static TopK topK(HostTensor x, int k) {
        Checks.requireF32("topK", x);
        Shape shape = x.shape();
        if (shape.rank() < 1 || k < 1 || k > shape.dim(-1)) {
            throw new TensorException("topK", "expected k in [1, " + (shape.rank() < 1 ? 0 : shape.dim(-1))
                    + "] for shape " + shape + ", got " + k);
        }
        Shape out = shape.with(-1, k);
        List<HostTensor> results = allocate(x.factory, List.of(DType.F32, DType.I32), List.of(out, out),
                arrays -> x.factory.backend().topK(x.array(), k, arrays.get(0).array(), arrays.get(1).array()));
        return new TopK(results.get(0), results.get(1));
    }

    static Svd svd(HostTensor a, boolean full) {
        requireMatrix("svd", a);
        long m = a.shape().dim(0);
        long n = a.shape().dim(1);
        long k = Math.min(m, n);
        List<Shape> shapes = List.of(Shape.of(m, full ? m : k), Shape.of(k), Shape.of(full ? n : k, n));
        List<HostTensor> r = allocate(a.factory, List.of(DType.F32, DType.F32, DType.F32), shapes,
                t -> a.factory.backend().svd(a.array(), full, t.get(0).array(), t.get(1).array(), t.get(2).array()));
        return new Svd(r.get(0), r.get(1), r.get(2));
    }

    static HostTensor cholesky(HostTensor a) {
        requireSquare("cholesky", a);
        TensorBackend backend = a.factory.backend();
        return a.factory.compute(DType.F32, a.shape(), out -> backend.cholesky(a.array(), out));
    }

    static Eigh eigh(HostTensor a) {
        requireSquare("eigh", a);
        long n = a.shape().dim(0);
        List<HostTensor> r = allocate(a.factory, List.of(DType.F32, DType.F32), List.of(Shape.of(n), a.shape()),
                t -> a.factory.backend().eigh(a.array(), t.get(0).array(), t.get(1).array()));
        return new Eigh(r.get(0), r.get(1));
    }

    private static void requireMatrix(String op, HostTensor a) {
        Checks.requireF32(op, a);
        Checks.requireRank(op, "a matrix", a, 2);
    }

    private static void requireSquare(String op, HostTensor a) {
        requireMatrix(op, a);
        if (a.shape().dim(0) != a.shape().dim(1)) {
            throw new TensorException(op, "expected a square matrix, got " + a.describe());
        }
    }

    /** Allocates several outputs in the current scope and fills them; all are closed on failure. */
    private static List<HostTensor> allocate(HostTensors factory, List<DType> dtypes, List<Shape> shapes,
            Consumer<List<HostTensor>> kernel) {
        List<HostTensor> outputs = new ArrayList<>();
        try {
            for (int i = 0; i < dtypes.size(); i++) {
                outputs.add(factory.allocate(dtypes.get(i), shapes.get(i)));
            }
            kernel.accept(outputs);
        } catch (RuntimeException e) {
            outputs.forEach(HostTensor::close);
            throw e;
        }
        return outputs;
    }
}
