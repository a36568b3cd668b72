package dev.presso.host.internal.model;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The keys and values of every attention layer for the positions decoded so far, so that each new
 * token attends to them without recomputing them.
 *
 * <p>Per layer, keys and values are {@code [B, KV, capacity, D]} backend arrays outside every
 * {@link dev.presso.kernel.tensor.TensorScope}, grown by doubling; the cache owns them until
 * {@link #close()}. A forward pass {@link #append}s each layer's new entries, then {@link #advance}s
 * the length once all layers are done. Inference only: no gradient flows through the cache. Not
 * thread-safe.
 */
public final class KvCache implements AutoCloseable {
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
     * @param keys {@code [B, KV, length + new, D]}
     * @param values {@code [B, KV, length + new, D]}
     */
    public record Entries(Tensor keys, Tensor values) {}

    /**
     * Stores a layer's new keys and values after the cached positions and returns all of them, as
     * tensors of the current scope.
     *
     * @param layer the layer index
     * @param newKeys {@code [B, KV, T, D]}
     * @param newValues {@code [B, KV, T, D]}
     * @return the layer's keys and values for positions {@code 0 .. length + T - 1}
     */
    public Entries append(int layer, Tensor newKeys, Tensor newValues) {
        checkOpen();
        if (layer < 0 || layer >= keys.length) {
            throw new TensorException("KvCache.append", "layer " + layer + " is not in [0, " + keys.length + ")");
        }
        long added = newKeys.shape().rank() == 4 ? newKeys.shape().dim(2) : -1;
        Shape expected = Shape.of(batch, heads, added, headDim);
        if (added < 1 || !newKeys.shape().equals(expected) || !newValues.shape().equals(expected)
                || newKeys.dtype() != DType.F32 || newValues.dtype() != DType.F32) {
            throw new TensorException("KvCache.append", "expected F32 keys and values [" + batch + ", " + heads
                    + ", T, " + headDim + "], got keys " + newKeys.shape() + " " + newKeys.dtype() + " and values "
                    + newValues.shape() + " " + newValues.dtype());
        }
        ensureCapacity(length + added);
        keys[layer] = store(keys[layer], newKeys);
        values[layer] = store(values[layer], newValues);
        return new Entries(prefix(keys[layer], length + added), prefix(values[layer], length + added));
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
        TensorBackend backend = tensors.backend();
        for (@Nullable DeviceArray[] arrays : Arrays.asList(keys, values)) {
            for (int i = 0; i < arrays.length; i++) {
                DeviceArray old = arrays[i];
                if (old != null) {
                    DeviceArray bigger = backend.allocate(DType.F32, Shape.of(batch, heads, grown, headDim));
                    backend.copySlice(old, bigger, 2, 0, 0, length);
                    old.close();
                    arrays[i] = bigger;
                }
            }
        }
        capacity = grown;
    }

    private DeviceArray store(@Nullable DeviceArray buffer, Tensor added) {
        TensorBackend backend = tensors.backend();
        DeviceArray target = buffer != null ? buffer
                : backend.allocate(DType.F32, Shape.of(batch, heads, capacity, headDim));
        backend.copySlice(added.array(), target, 2, 0, length, added.shape().dim(2));
        return target;
    }

    private Tensor prefix(DeviceArray buffer, long positions) {
        TensorBackend backend = tensors.backend();
        Tensor out = tensors.wrap(backend.allocate(DType.F32, Shape.of(batch, heads, positions, headDim)));
        backend.copySlice(buffer, out.array(), 2, 0, 0, positions);
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
        for (@Nullable DeviceArray[] arrays : Arrays.asList(keys, values)) {
            for (int i = 0; i < arrays.length; i++) {
                if (arrays[i] != null) {
                    arrays[i].close();
                    arrays[i] = null;
                }
            }
        }
    }
}
