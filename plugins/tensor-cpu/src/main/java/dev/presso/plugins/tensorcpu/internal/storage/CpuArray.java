package dev.presso.plugins.tensorcpu.internal.storage;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Device;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A CPU array: a dtype, a shape and a reference to heap storage that views share.
 *
 * <p>Storage is {@code float[]} for F32, {@code int[]} for I32, {@code short[]} (raw bits) for
 * F16 and BF16, and {@code byte[]} for I8, U8 and the packed code types. Views always cover the
 * whole storage, so two arrays that share storage alias element for element.
 */
public final class CpuArray implements DeviceArray {
    private final MemoryLedger owner;
    private final Storage storage;
    private final DType dtype;
    private final Shape shape;
    private final int size;
    private final AtomicBoolean closed = new AtomicBoolean();

    CpuArray(MemoryLedger owner, Storage storage, DType dtype, Shape shape) {
        this.owner = owner;
        this.storage = storage;
        this.dtype = dtype;
        this.shape = shape;
        this.size = (int) shape.size();
        owner.arrayOpened();
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
        return Device.cpu();
    }

    @Override
    public boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            owner.arrayClosed();
            storage.release();
        }
    }

    /** Returns the element count as an int; arrays larger than an int cannot be created. */
    public int size() {
        return size;
    }

    /** Returns the length of the storage array: the byte count for packed dtypes. */
    public int storageLength() {
        return dtype.isPacked() ? (int) dtype.bytesFor(size) : size;
    }

    /** Returns the F32 elements. */
    public float[] floats() {
        return (float[]) data();
    }

    /** Returns the I32 elements. */
    public int[] ints() {
        return (int[]) data();
    }

    /** Returns the raw F16 or BF16 bits. */
    public short[] shorts() {
        return (short[]) data();
    }

    /** Returns the I8 or U8 elements, or the packed bytes of I4, I2 and I1. */
    public byte[] bytes() {
        return (byte[]) data();
    }

    /** Returns the storage array, whichever its primitive type. */
    public Object data() {
        Object data = storage.data();
        if (data == null || closed.get()) {
            throw new TensorException("array", "a " + dtype + " array of shape " + shape
                    + " was used after close");
        }
        return data;
    }

    /** Returns whether two arrays read or write the same storage. */
    public boolean sharesStorage(CpuArray other) {
        return storage == other.storage;
    }

    boolean isOwnedBy(MemoryLedger ledger) {
        return owner == ledger;
    }

    Storage storage() {
        return storage;
    }

    @Override
    public String toString() {
        return "CpuArray" + shape + " " + dtype + (isClosed() ? " (closed)" : "");
    }
}
