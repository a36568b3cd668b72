package dev.presso.host.internal.model;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import org.jspecify.annotations.Nullable;

/**
 * The keys and values of every attention layer for the positions decoded so far, so that each new
 * token attends to them without recomputing them.
 *
 * <p>Per layer, keys are transposed, {@code [B, KV, D, capacity]}, and values are
 * {@code [B, KV, capacity, D]}: the layouts {@link CausalAttention} multiplies without further
 * copies. They are
 * backend arrays outside every {@link dev.presso.kernel.tensor.TensorScope}, grown by doubling;
 * the cache owns them until {@link #close()}. A forward pass {@link #append}s each layer's new
 * entries, then {@link #advance}s the length once all layers are done. Inference only: no gradient
 * flows through the cache. Not thread-safe.
 */
public final class KvCache implements AutoCloseable {
    /** The position axis of the stored keys {@code [B, KV, D, capacity]}. */
    private static final int KEY_POSITIONS = 3;
    /** The position axis of the stored values {@code [B, KV, capacity, D]}. */
    private static final int VALUE_POSITIONS = 2;

    private final Tensors tensors;
    private final long batch;
    private final long heads;
    private final long headDim;
    private final @Nullable DeviceArray[] keys;
    private final @Nullable DeviceArray[] values;
    private long capacity;
    private long length;
    private boolean closed;

    /**
     * Creates an empty cache.
     *
     * @param tensors the front end of the backend the model runs on
     * @param layers the number of attention layers
     * @param batch the number of sequences decoded together
     * @param heads the number of key/value heads
     * @param headDim the width of one head
     * @param capacity the initial number of positions; grown as needed
     */
    public KvCache(Tensors tensors, int layers, long batch, long heads, long headDim, long capacity) {
        if (layers < 1 || batch < 1 || heads < 1 || headDim < 1 || capacity < 1) {
            throw new TensorException("KvCache", "expected positive sizes, got layers " + layers + ", batch " + batch
                    + ", heads " + heads + ", head dim " + headDim + ", capacity " + capacity);
        }
        this.tensors = tensors;
        this.batch = batch;
        this.heads = heads;
        this.headDim = headDim;
        this.keys = new DeviceArray[layers];
        this.values = new DeviceArray[layers];
        this.capacity = capacity;
    }

    /** Returns the number of positions stored. @return the length */
    public long length() {
        return length;
    }

    /** Returns the number of sequences. @return the batch size */
    public long batch() {
        return batch;
    }

    /**
     * The keys and values a layer attends to: the cached ones followed by the new ones.
     *
     * @param keysTransposed {@code [B, KV, D, length + new]}
     * @param values {@code [B, KV, length + new, D]}
     */
    public record Entries(Tensor keysTransposed, Tensor values) {}

    /**
     * Stores a layer's new keys and values after the cached positions and returns all of them, as
     * tensors of the current scope.
     *
     * @param layer the layer index
     * @param newKeys {@code [B, T, KV, D]}, as the key projection gives them (after RoPE)
     * @param newValues {@code [B, T, KV, D]}
     * @return the layer's keys and values for positions {@code 0 .. length + T - 1}
     */
    public Entries append(int layer, Tensor newKeys, Tensor newValues) {
        checkOpen();
        if (layer < 0 || layer >= keys.length) {
            throw new TensorException("KvCache.append", "layer " + layer + " is not in [0, " + keys.length + ")");
        }
        long added = newKeys.shape().rank() == 4 ? newKeys.shape().dim(1) : -1;
        Shape expected = Shape.of(batch, added, heads, headDim);
        if (added < 1 || !newKeys.shape().equals(expected) || !newValues.shape().equals(expected)
                || newKeys.dtype() != DType.F32 || newValues.dtype() != DType.F32) {
            throw new TensorException("KvCache.append", "expected F32 keys and values [" + batch + ", T, " + heads
                    + ", " + headDim + "], got keys " + newKeys.shape() + " " + newKeys.dtype() + " and values "
                    + newValues.shape() + " " + newValues.dtype());
        }
        ensureCapacity(length + added);
        long total = length + added;
        keys[layer] = store(keys[layer], newKeys.permute(0, 2, 3, 1), KEY_POSITIONS);
        values[layer] = store(values[layer], newValues.permute(0, 2, 1, 3), VALUE_POSITIONS);
        return new Entries(prefix(keys[layer], KEY_POSITIONS, total), prefix(values[layer], VALUE_POSITIONS, total));
    }

    /**
     * Counts positions appended to every layer as cached.
     *
     * @param added the number of new positions each layer appended
     */
    public void advance(long added) {
        checkOpen();
        if (added < 0 || length + added > capacity) {
            throw new TensorException("KvCache.advance", "cannot advance by " + added + " from length " + length
                    + " with capacity " + capacity);
        }
        length += added;
    }

    private void ensureCapacity(long needed) {
        if (needed <= capacity) {
            return;
        }
        long grown = Math.max(needed, 2 * capacity);
        grow(keys, KEY_POSITIONS, grown);
        grow(values, VALUE_POSITIONS, grown);
        capacity = grown;
    }

    private void grow(@Nullable DeviceArray[] arrays, int axis, long grown) {
        TensorBackend backend = tensors.backend();
        for (int i = 0; i < arrays.length; i++) {
            DeviceArray old = arrays[i];
            if (old != null) {
                DeviceArray bigger = backend.allocate(DType.F32, old.shape().with(axis, grown));
                backend.copySlice(old, bigger, axis, 0, 0, length);
                old.close();
                arrays[i] = bigger;
            }
        }
    }

    private DeviceArray store(@Nullable DeviceArray buffer, Tensor added, int axis) {
        TensorBackend backend = tensors.backend();
        DeviceArray target = buffer != null ? buffer
                : backend.allocate(DType.F32, added.shape().with(axis, capacity));
        backend.copySlice(added.array(), target, axis, 0, length, added.shape().dim(axis));
        return target;
    }

    /** The first {@code positions} entries of a buffer, as a new tensor; a view when that is all of it. */
    private Tensor prefix(DeviceArray buffer, int axis, long positions) {
        TensorBackend backend = tensors.backend();
        if (positions == capacity) {
            return tensors.wrap(backend.view(buffer, buffer.shape()));
        }
        Tensor out = tensors.wrap(backend.allocate(DType.F32, buffer.shape().with(axis, positions)));
        backend.copySlice(buffer, out.array(), axis, 0, 0, positions);
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new TensorException("KvCache", "the cache is closed");
        }
    }

    /** Releases every array; idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (@Nullable DeviceArray[] arrays : java.util.List.of(keys, values)) {
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] != null) {
                    arrays[i].close();
                    arrays[i] = null;
                }
            }
        }
    }
}
