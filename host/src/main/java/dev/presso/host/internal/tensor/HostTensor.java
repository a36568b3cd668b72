package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The host's {@link Tensor}: a backend array plus its place in the autodiff graph and its owner.
 *
 * <p>Operations are implemented by the op classes of this package ({@link Elementwise},
 * {@link MatrixProduct}, {@link Reductions}, {@link Neural}, {@link Layout}, {@link Gathers},
 * {@link Casts}); this class holds state. A tensor is owned by a {@link HostScope}, by the leaf
 * whose gradient it is, by a graph {@link Node} that saved it, or by nobody (its creator).
 */
public final class HostTensor implements Tensor {
    final HostTensors factory;
    private final DeviceArray array;
    private final Storage storage;
    /** A {@link HostScope}, the leaf {@link HostTensor} of a gradient, a {@link Node}, or null. */
    @Nullable Object owner;
    private boolean closed;
    private boolean requiresGrad;
    private @Nullable Node gradFn;
    private @Nullable HostTensor grad;

    HostTensor(HostTensors factory, DeviceArray array, Storage storage, boolean register) {
        this.factory = factory;
        this.array = array;
        this.storage = storage;
        if (register) {
            HostScope.register(this);
        }
    }

    @Override
    public Shape shape() {
        return array.shape();
    }

    @Override
    public DType dtype() {
        return array.dtype();
    }

    @Override
    public Device device() {
        return array.device();
    }

    @Override
    public DeviceArray array() {
        if (closed) {
            throw new TensorException("array", "the tensor " + describe() + " is closed");
        }
        return array;
    }

    @Override
    public Tensor map(UnaryOp op) {
        return Elementwise.unary(this, op);
    }

    @Override
    public Tensor zip(BinaryOp op, Tensor other) {
        return Elementwise.binary(this, op, factory.host("zip(" + op + ")", other));
    }

    @Override
    public Tensor zip(BinaryOp op, float scalar) {
        return Elementwise.scalar(this, op, scalar);
    }

    @Override
    public Tensor clamp(float low, float high) {
        return Elementwise.clamp(this, low, high);
    }

    @Override
    public Tensor matmul(Tensor other, boolean transposeThis, boolean transposeOther) {
        return MatrixProduct.matmul(this, factory.host("matmul", other), transposeThis, transposeOther);
    }

    @Override
    public Tensor reduce(ReduceOp op, boolean keepDims, int... axes) {
        return Reductions.reduce(this, op, keepDims, axes);
    }

    @Override
    public Tensor softmax() {
        return Neural.softmax(this, false);
    }

    @Override
    public Tensor logSoftmax() {
        return Neural.softmax(this, true);
    }

    @Override
    public Tensor rmsNorm(Tensor weight, float eps) {
        return Neural.rmsNorm(this, factory.host("rmsNorm", weight), eps);
    }

    @Override
    public Tensor rope(Tensor cos, Tensor sin) {
        return Neural.rope(this, factory.host("rope", cos), factory.host("rope", sin));
    }

    @Override
    public Tensor fwht(int block, float scale) {
        return Neural.fwht(this, block, scale);
    }

    @Override
    public Tensor reshape(long... dims) {
        return Layout.reshape(this, dims);
    }

    @Override
    public Tensor permute(int... axes) {
        return Layout.permute(this, axes);
    }

    @Override
    public Tensor slice(int axis, long start, long end) {
        return Layout.slice(this, axis, start, end);
    }

    @Override
    public Tensor gather(Tensor indices) {
        return Gathers.gather(this, factory.host("gather", indices));
    }

    @Override
    public Tensor cast(DType target) {
        return Casts.cast(this, target);
    }

    @Override
    public boolean requiresGrad() {
        return requiresGrad;
    }

    @Override
    public Tensor requiresGrad(boolean required) {
        checkOpen("requiresGrad");
        if (gradFn != null) {
            throw new TensorException("requiresGrad", "only leaf tensors can be marked, but "
                    + describe() + " was computed by " + gradFn.op() + "; use detach() for a new leaf");
        }
        if (required && !dtype().isFloatingPoint()) {
            throw new TensorException("requiresGrad", "only floating-point tensors have gradients, got "
                    + describe());
        }
        requiresGrad = required;
        return this;
    }

    @Override
    public Optional<Tensor> grad() {
        return grad == null || grad.isClosed() ? Optional.empty() : Optional.of(grad);
    }

    @Override
    public void zeroGrad() {
        if (grad != null && grad.owner == this) {
            grad.owner = null;
            grad.close();
        }
        grad = null;
    }

    @Override
    public void backward() {
        Backpropagation.run(this, null);
    }

    @Override
    public void backward(Tensor seed) {
        Backpropagation.run(this, factory.host("backward", seed));
    }

    @Override
    public Tensor detach() {
        return view(shape(), true);
    }

    @Override
    public float[] toFloatArray() {
        return Casts.toFloats(this);
    }

    @Override
    public int[] toIntArray() {
        return Casts.toInts(this);
    }

    @Override
    public float item() {
        if (shape().size() != 1) {
            throw new TensorException("item", "expected a one-element tensor, got " + describe());
        }
        return toFloatArray()[0];
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        storage.release();
        array.close();
        zeroGrad();
        Node node = gradFn;
        gradFn = null;
        if (node != null) {
            node.release();
        }
    }

    @Override
    public String toString() {
        return "Tensor" + describe();
    }

    /** Returns dtype, shape and device, for messages, such as {@code [F32 [2, 3] on cpu:0]}. */
    String describe() {
        return "[" + dtype() + " " + shape() + " on " + device() + (closed ? ", closed" : "") + "]";
    }

    void checkOpen(String op) {
        if (closed) {
            throw new TensorException(op, "the tensor " + describe() + " is closed");
        }
    }

    /** Returns a new tensor sharing this storage with another shape of the same size. */
    HostTensor view(Shape shape, boolean register) {
        checkOpen("view");
        DeviceArray view = factory.backend().view(array, shape);
        storage.share();
        return new HostTensor(factory, view, storage, register);
    }

    /** Returns whether no other open tensor shares this tensor's storage. */
    boolean isExclusive() {
        return storage.isExclusive();
    }

    @Nullable Node gradFn() {
        return gradFn;
    }

    /** Makes this tensor the output of a recorded operation; the node gains this reference. */
    void attach(Node node) {
        node.retain();
        gradFn = node;
        requiresGrad = true;
    }

    /** Returns the current gradient if it is open, else null. */
    @Nullable HostTensor currentGrad() {
        return grad == null || grad.isClosed() ? null : grad;
    }

    /** Sets a new gradient owned by this leaf, releasing any previous one. */
    void setGrad(HostTensor gradient) {
        zeroGrad();
        gradient.owner = this;
        grad = gradient;
    }

    /** Stops owning a gradient handed to a scope by {@link HostScope#keep}. */
    void giveUpGrad(HostTensor gradient) {
        if (grad == gradient) {
            grad = null;
            gradient.owner = null;
        }
    }
}
