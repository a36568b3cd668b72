package dev.presso.host.internal.model;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The backend arrays {@link CausalAttention} works in during one forward pass: scratch arrays
 * reused by every layer and every chunk of sequences (by role and shape), and the additive causal
 * masks of the query blocks, built once per pass. Allocating the score arrays afresh for each
 * layer cost as much as computing them. Owns every array until {@link #close()}; not thread-safe.
 */
public final class AttentionBuffers implements AutoCloseable {
    private record Slot(String role, Shape shape) {}

    private record MaskKey(int queries, int offset, int window) {}

    private final TensorBackend backend;
    private final Map<Slot, DeviceArray> arrays = new HashMap<>();
    private final Map<MaskKey, Optional<DeviceArray>> masks = new HashMap<>();

    /**
     * Creates an empty set.
     *
     * @param backend the backend to allocate on
     */
    public AttentionBuffers(TensorBackend backend) {
        this.backend = backend;
    }

    /** Returns the backend the arrays live on. @return the backend */
    public TensorBackend backend() {
        return backend;
    }

    /**
     * Returns the F32 scratch array of a role and shape, allocated on first use; its contents are
     * whatever the last user left.
     *
     * @param role what the array holds, such as {@code "scores"}
     * @param shape its shape
     * @return the array, owned by these buffers
     */
    public DeviceArray scratch(String role, Shape shape) {
        return arrays.computeIfAbsent(new Slot(role, shape), slot -> backend.allocate(DType.F32, shape));
    }

    /**
     * Returns the {@link CausalMask} of {@code queries} positions after {@code offset} earlier ones as
     * {@code [queries, 1, offset + queries]}, ready to broadcast over the query heads of a group.
     *
     * @param queries the number of query positions
     * @param offset the number of positions before them
     * @param window the sliding-window length, or 0 for none
     * @return the mask, empty when it masks nothing
     */
    public Optional<DeviceArray> mask(int queries, int offset, int window) {
        return masks.computeIfAbsent(new MaskKey(queries, offset, window), key -> CausalMask
                .values(queries, offset, window)
                .map(values -> backend.fromFloats(values, Shape.of(queries, 1, (long) offset + queries))));
    }

    /** Releases every array; idempotent. */
    @Override
    public void close() {
        arrays.values().forEach(DeviceArray::close);
        arrays.clear();
        masks.values().forEach(mask -> mask.ifPresent(DeviceArray::close));
        masks.clear();
    }
}
