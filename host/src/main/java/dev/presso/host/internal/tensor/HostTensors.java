package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.CustomFunction;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Eigh;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.HashSpec;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Svd;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.TopK;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The host's {@link Tensors} for one backend: factories, multi-tensor operations, scopes and the
 * gradient mode. Thread-safe; the scopes and the gradient mode are per thread.
 */
public final class HostTensors implements Tensors {
    private final TensorBackend backend;

    /**
     * Creates the front end of a backend.
     *
     * @param backend the backend every tensor of this factory lives on
     */
    public HostTensors(TensorBackend backend) {
        this.backend = Objects.requireNonNull(backend, "backend must not be null");
    }

    @Override
    public TensorBackend backend() {
        return backend;
    }

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        return allocate(dtype, shape);
    }

    @Override
    public Tensor full(Shape shape, float value) {
        return compute(DType.F32, shape, out -> backend.fill(out, value));
    }

    @Override
    public Tensor of(float[] values, Shape shape) {
        return adopt(backend.fromFloats(values, shape), true);
    }

    @Override
    public Tensor ofInts(int[] values, Shape shape) {
        return adopt(backend.fromInts(values, shape), true);
    }

    @Override
    public Tensor wrap(DeviceArray array) {
        return adopt(array, true);
    }

    @Override
    public Tensor randn(Shape shape, long seed) {
        return of(RandomFill.normal(elementCount("randn", shape), seed), shape);
    }

    @Override
    public Tensor rand(Shape shape, long seed) {
        return of(RandomFill.uniform(elementCount("rand", shape), seed), shape);
    }

    @Override
    public Tensor concat(int axis, List<Tensor> parts) {
        return Layout.concat(this, axis, parts.stream().map(t -> host("concat", t)).toList());
    }

    @Override
    public Tensor hashGather(Tensor theta, HashSpec spec, long rows, long cols) {
        return Gathers.hashGather(host("hashGather", theta), spec, rows, cols);
    }

    @Override
    public Tensor apply(CustomFunction function, Tensor... inputs) {
        List<HostTensor> hosts = Arrays.stream(inputs).map(t -> host("apply", t)).toList();
        return CustomFunctions.apply(this, function, hosts);
    }

    @Override
    public TensorScope scope() {
        return HostScope.open();
    }

    @Override
    public GradMode noGrad() {
        return GradState.set(false);
    }

    @Override
    public boolean isGradEnabled() {
        return GradState.isEnabled();
    }

    @Override
    public TopK topK(Tensor x, int k) {
        return Decompositions.topK(host("topK", x), k);
    }

    @Override
    public Svd svd(Tensor a, boolean full) {
        return Decompositions.svd(host("svd", a), full);
    }

    @Override
    public Tensor cholesky(Tensor a) {
        return Decompositions.cholesky(host("cholesky", a));
    }

    @Override
    public Eigh eigh(Tensor a) {
        return Decompositions.eigh(host("eigh", a));
    }

    /** Returns a tensor of this backend as the host class, failing on a closed or foreign one. */
    HostTensor host(String op, Tensor tensor) {
        if (!(tensor instanceof HostTensor host)) {
            throw new TensorException(op, "expected a tensor created by the host front end, got "
                    + tensor.getClass().getName());
        }
        if (host.factory.backend != backend) {
            throw new TensorException(op, "the tensor " + host.describe() + " belongs to backend '"
                    + host.factory.backend.name() + "', but this operation runs on '" + backend.name()
                    + "'; expected tensors of one backend");
        }
        host.checkOpen(op);
        return host;
    }

    /** Allocates a zero-filled tensor owned by the current scope. */
    HostTensor allocate(DType dtype, Shape shape) {
        return adopt(backend.allocate(dtype, shape), true);
    }

    /** Allocates a zero-filled tensor owned by the caller, whatever scope is open. */
    HostTensor allocateUnowned(DType dtype, Shape shape) {
        return adopt(backend.allocate(dtype, shape), false);
    }

    /**
     * Allocates a tensor and runs the kernel that fills it; the tensor is closed if the kernel
     * fails, so a rejected argument leaks nothing.
     *
     * @param register whether the current scope owns the result (else the caller does)
     */
    HostTensor compute(DType dtype, Shape shape, boolean register, Consumer<DeviceArray> kernel) {
        HostTensor out = adopt(backend.allocate(dtype, shape), register);
        try {
            kernel.accept(out.array());
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return out;
    }

    /** {@link #compute(DType, Shape, boolean, Consumer)} owned by the current scope. */
    HostTensor compute(DType dtype, Shape shape, Consumer<DeviceArray> kernel) {
        return compute(dtype, shape, true, kernel);
    }

    /** Wraps a new array; {@code register} gives it to the current scope. */
    HostTensor adopt(DeviceArray array, boolean register) {
        return new HostTensor(this, array, new Storage(), register);
    }

    private static int elementCount(String op, Shape shape) {
        if (shape.size() > Integer.MAX_VALUE - 8) {
            throw new TensorException(op, "shape " + shape + " has " + shape.size()
                    + " elements; host-generated random tensors hold at most 2^31 - 9");
        }
        return (int) shape.size();
    }
}
