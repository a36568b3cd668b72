package dev.presso.kernel.tensor;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Indexed reads and accumulating writes on {@link DType#F32} data with {@link DType#I32} indices.
 *
 * <p>Indices outside the table make the kernel throw a {@link TensorException} that names the
 * offending index. Outputs must not alias inputs.
 *
 * @since 1.0
 */
@ConsumerType
public interface IndexKernels {
    /**
     * Gathers rows of a table: {@code out[i, :] = table[indices[i], :]}.
     *
     * <pre>{@code
     * backend.gather(embeddings, tokenIds, hidden);   // [V, D], [B, T] -> [B, T, D]
     * }</pre>
     *
     * @param table the rows {@code [V, D]}
     * @param indices row numbers in {@code [0, V)}, any shape {@code [...]}
     * @param out the gathered rows {@code [..., D]}
     */
    void gather(DeviceArray table, DeviceArray indices, DeviceArray out);

    /**
     * Adds rows into a table: {@code out[indices[i], :] += source[i, :]}, in index order so the
     * result is deterministic. This is the backward pass of {@link #gather}.
     *
     * @param source the rows to add {@code [..., D]}
     * @param indices row numbers in {@code [0, V)}, shaped {@code [...]}
     * @param out the accumulating table {@code [V, D]}
     */
    void scatterAdd(DeviceArray source, DeviceArray indices, DeviceArray out);

    /**
     * Expands a shared parameter vector into a dense matrix through a hash:
     * {@code out[i, j] = theta[spec.bucket(i * C + j, P)] * spec.sign(i * C + j)}.
     *
     * @param theta the shared parameters {@code [P]}
     * @param spec the hash
     * @param out the dense matrix {@code [R, C]}
     */
    void hashGather(DeviceArray theta, HashSpec spec, DeviceArray out);

    /**
     * Accumulates a dense matrix into the shared vector through the same hash:
     * {@code out[spec.bucket(k, P)] += spec.sign(k) * source[k]} for every element {@code k}, in
     * element order. This is the backward pass of {@link #hashGather}.
     *
     * @param source the dense matrix {@code [R, C]}
     * @param spec the hash
     * @param out the shared vector {@code [P]}, accumulated into
     */
    void hashScatterAdd(DeviceArray source, HashSpec spec, DeviceArray out);

    /**
     * Finds the {@code k} largest elements along the last axis, largest first; on ties the lower
     * index comes first, and NaN counts as larger than every number.
     *
     * @param x the input {@code [..., N]}
     * @param k how many, in {@code [1, N]}
     * @param values the largest values {@code [..., k]}
     * @param indices their positions {@code [..., k]}, {@link DType#I32}
     */
    void topK(DeviceArray x, int k, DeviceArray values, DeviceArray indices);
}
