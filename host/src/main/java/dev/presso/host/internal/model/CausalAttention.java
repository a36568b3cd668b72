package dev.presso.host.internal.model;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import java.util.Optional;

/**
 * Grouped-query causal self-attention for inference, run as backend kernels on reused
 * {@link AttentionBuffers} rather than as recorded tensor operations: for each key/value head,
 * {@code softmax(scale * Q K^T + mask) V} over the positions each query may see.
 *
 * <p>Queries come position-major, {@code [B, KV, T * G, D]} with the {@code G = H / KV} query heads
 * of a group adjacent for each position, so one batched product scores a whole group and a query
 * block is a contiguous run of rows. Two things keep the work and the memory traffic down on long
 * sequences:
 * <ul>
 *   <li>queries go in blocks of {@link #QUERY_BLOCK} positions, and each block is scored only
 *       against the keys up to its last position, which skips most of the masked upper triangle;
 *   <li>sequences go in chunks whose largest score block holds about {@link #SCORE_BUDGET} floats,
 *       so that scores and probabilities stay in cache between the kernels that write and read them.
 * </ul>
 * Keys come transposed, {@code [B, KV, D, S]}, and values as they are, {@code [B, KV, S, D]}, so
 * both products read their right operand along its rows; the weighted sums come out
 * {@code [B, KV, T * G, D]} and are permuted once into {@code [B, T, H * D]}. Immutable.
 */
public final class CausalAttention {
    /**
     * Query positions scored together: smaller blocks skip more masked scores but run more kernels;
     * on stories260K over tensor-cpu, 64 beat 32 and 128.
     */
    static final int QUERY_BLOCK = 64;
    /**
     * The most scores one chunk of sequences computes at once: 2^18 floats, 1 MiB, so that scores
     * and probabilities stay in the L2 cache between the kernels that write and read them. On a
     * 2-core Zen 4 with stories260K, 2^16 to 2^18 beat 2^20 and 2^22 (whole batches, fewer kernel
     * calls) by about 30%, on one thread and on two.
     */
    static final long SCORE_BUDGET = 1L << 18;

    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int window;
    private final float scale;
    private final int queryBlock;
    private final long scoreBudget;

    /**
     * Creates the attention of one model configuration.
     *
     * @param heads the number of query heads {@code H}
     * @param kvHeads the number of key/value heads {@code KV}, dividing {@code H}
     * @param headDim the width {@code D} of one head
     * @param window the sliding-window length, or 0 for none
     */
    public CausalAttention(int heads, int kvHeads, int headDim, int window) {
        this(heads, kvHeads, headDim, window, QUERY_BLOCK, SCORE_BUDGET);
    }

    /** Creates the attention with other block sizes, for tests that need many blocks and chunks. */
    CausalAttention(int heads, int kvHeads, int headDim, int window, int queryBlock, long scoreBudget) {
        if (heads < 1 || kvHeads < 1 || heads % kvHeads != 0 || headDim < 1 || window < 0 || queryBlock < 1
                || scoreBudget < 1) {
            throw new TensorException("CausalAttention", "expected H >= 1 query heads in KV >= 1 groups, D >= 1,"
                    + " a window >= 0 and positive block sizes, got H " + heads + ", KV " + kvHeads + ", D " + headDim
                    + ", window " + window + ", query block " + queryBlock + ", score budget " + scoreBudget);
        }
        this.heads = heads;
        this.kvHeads = kvHeads;
        this.headDim = headDim;
        this.window = window;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
        this.queryBlock = queryBlock;
        this.scoreBudget = scoreBudget;
    }

    /**
     * Attends the new positions' queries over the keys and values of every position up to each.
     *
     * @param tensors the front end; the result belongs to its current scope
     * @param queries {@code [B, KV, T * G, D]}, rotated, row {@code t * G + g} being query head
     *     {@code kv * G + g} at new position {@code t}
     * @param keysTransposed {@code [B, KV, D, S]}, rotated: {@code S - T} earlier positions, then
     *     the new ones
     * @param values {@code [B, KV, S, D]}, in the same position order
     * @param buffers the forward pass's scratch arrays
     * @return the context {@code [B, T, H * D]}, query head {@code h} in columns {@code h * D ..}
     */
    public Tensor attend(Tensors tensors, Tensor queries, Tensor keysTransposed, Tensor values,
            AttentionBuffers buffers) {
        Shape shape = queries.shape();
        int group = heads / kvHeads;
        long batch = shape.rank() == 4 ? shape.dim(0) : -1;
        long rows = shape.rank() == 4 ? shape.dim(2) : -1;
        long positions = values.shape().rank() == 4 ? values.shape().dim(2) : -1;
        int length = (int) (rows / group);
        if (batch < 1 || rows < group || rows % group != 0 || positions < length
                || !shape.equals(Shape.of(batch, kvHeads, rows, headDim))
                || !keysTransposed.shape().equals(Shape.of(batch, kvHeads, headDim, positions))
                || !values.shape().equals(Shape.of(batch, kvHeads, positions, headDim))) {
            throw new TensorException("attention", "expected queries [B, " + kvHeads + ", T * " + group + ", "
                    + headDim + "], transposed keys [B, " + kvHeads + ", " + headDim + ", S] and values [B, "
                    + kvHeads + ", S, " + headDim + "] with S >= T, got " + shape + ", "
                    + keysTransposed.shape() + " and " + values.shape());
        }
        Tensor context = tensors.zeros(DType.F32, Shape.of(batch, length, (long) heads * headDim));
        Pass pass = new Pass(buffers, (int) batch, length, (int) positions, group);
        pass.run(queries.array(), keysTransposed.array(), values.array(), context.array());
        return context;
    }

    /** One call's sizes and the loops over chunks of sequences and blocks of queries. */
    private final class Pass {
        private final AttentionBuffers buffers;
        private final TensorBackend backend;
        private final int batch;
        private final int length;
        private final int positions;
        private final int offset;
        private final int group;

        Pass(AttentionBuffers buffers, int batch, int length, int positions, int group) {
            this.buffers = buffers;
            this.backend = buffers.backend();
            this.batch = batch;
            this.length = length;
            this.positions = positions;
            this.offset = positions - length;
            this.group = group;
        }

        void run(DeviceArray queries, DeviceArray keysTransposed, DeviceArray values, DeviceArray context) {
            long perSequence = (long) kvHeads * Math.min(queryBlock, length) * group * positions;
            int chunk = (int) Math.max(1, Math.min(batch, scoreBudget / perSequence));
            try (DeviceArray grouped = backend.view(context, Shape.of(batch, length, kvHeads, group, headDim))) {
                for (int first = 0; first < batch; first += chunk) {
                    int count = Math.min(chunk, batch - first);
                    boolean whole = count == batch;
                    DeviceArray q = whole ? queries : slice("chunkQueries", queries, 0, first, count);
                    DeviceArray k = whole ? keysTransposed : slice("chunkKeys", keysTransposed, 0, first, count);
                    DeviceArray v = whole ? values : slice("chunkValues", values, 0, first, count);
                    DeviceArray headMajor = buffers.scratch("headMajorContext",
                            Shape.of(count, kvHeads, (long) length * group, headDim));
                    for (int start = 0; start < length; start += queryBlock) {
                        block(q, k, v, headMajor, start, Math.min(queryBlock, length - start));
                    }
                    positionMajor(headMajor, grouped, first, count);
                }
            }
        }

        /** Attends queries {@code start .. start + count - 1} of a chunk into its head-major context. */
        private void block(DeviceArray queries, DeviceArray keysTransposed, DeviceArray values,
                DeviceArray headMajor, int start, int count) {
            int visible = offset + start + count;
            boolean allQueries = count == length;
            boolean allKeys = visible == positions;
            long firstRow = (long) start * group;
            long rows = (long) count * group;
            DeviceArray q = allQueries ? queries : slice("blockQueries", queries, 2, firstRow, rows);
            DeviceArray k = allKeys ? keysTransposed : slice("blockKeys", keysTransposed, 3, 0, visible);
            DeviceArray v = allKeys ? values : slice("blockValues", values, 2, 0, visible);
            long sequences = queries.shape().dim(0);
            Shape scoreShape = Shape.of(sequences, kvHeads, rows, visible);
            DeviceArray scores = buffers.scratch("scores", scoreShape);
            backend.gemm(false, false, scale, q, k, 0f, scores);
            Optional<DeviceArray> mask = buffers.mask(count, offset + start, window);
            if (mask.isPresent()) {
                try (DeviceArray byHead = backend.view(scores, Shape.of(sequences, kvHeads, count, group, visible))) {
                    backend.binary(BinaryOp.ADD, byHead, mask.get(), byHead);
                }
            }
            DeviceArray probabilities = buffers.scratch("probabilities", scoreShape);
            backend.softmax(scores, probabilities);
            DeviceArray out = allQueries ? headMajor
                    : buffers.scratch("blockContext", Shape.of(sequences, kvHeads, rows, headDim));
            backend.gemm(false, false, 1f, probabilities, v, 0f, out);
            if (!allQueries) {
                backend.copySlice(out, headMajor, 2, 0, firstRow, rows);
            }
        }

        /** Writes a chunk's {@code [n, KV, T * G, D]} context into sequences {@code first ..} of the result. */
        private void positionMajor(DeviceArray headMajor, DeviceArray grouped, int first, int count) {
            int[] axes = {0, 2, 1, 3, 4};
            try (DeviceArray source = backend.view(headMajor, Shape.of(count, kvHeads, length, group, headDim))) {
                if (count == batch) {
                    backend.permute(source, axes, grouped);
                } else {
                    DeviceArray part = buffers.scratch("chunkContext",
                            Shape.of(count, length, kvHeads, group, headDim));
                    backend.permute(source, axes, part);
                    backend.copySlice(part, grouped, 0, 0, first, count);
                }
            }
        }

        /** Copies {@code count} indices of one axis, from {@code start}, into a scratch array. */
        private DeviceArray slice(String role, DeviceArray source, int axis, long start, long count) {
            DeviceArray out = buffers.scratch(role, source.shape().with(axis, count));
            backend.copySlice(source, out, axis, start, 0, count);
            return out;
        }
    }
}
