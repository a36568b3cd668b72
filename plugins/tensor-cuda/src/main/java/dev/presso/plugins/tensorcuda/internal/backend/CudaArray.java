package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CUDA array: a dtype, a shape and a reference to device storage that views share. Views always
 * cover the whole storage, so two arrays that share storage alias element for element.
 */
public final class CudaArray implements DeviceArray {
    private final ArrayRegistry owner;
    private final DeviceStorage storage;
    private final DType dtype;
    private final Shape shape;
    private final Device device;
    private final AtomicBoolean closed = new AtomicBoolean();

    CudaArray(ArrayRegistry owner, DeviceStorage storage, DType dtype, Shape shape, Device device) {
        this.owner = owner;
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.device = device;
        owner.ledger().arrayOpened();
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public Device device() {
        return device;
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.ledger().arrayClosed();
            storage.release();
        }
    }

    /** Returns the device address of the first element. @return the {@code CUdeviceptr} */
    public long address() {
        return storage.address();
    }

    /** Returns whether two arrays read or write the same storage. @param other another array @return whether they alias */
    public boolean sharesStorage(CudaArray other) {
        return storage == other.storage;
    }

    boolean isOwnedBy(ArrayRegistry registry) {
        return owner == registry;
    }

    DeviceStorage storage() {
        return storage;
    }

    @Override
    public String toString() {
        return "CudaArray" + shape + " " + dtype + " on " + device + (isClosed() ? " (closed)" : "");
    }
}
