package dev.presso.kernel.tensor;

/**
 * The result of {@link Tensors#topK(Tensor, int)}.
 *
 * @param values the largest values, largest first
 * @param indices their {@link DType#I32} positions along the last axis
 * @since 1.0
 */
public record TopK(Tensor values, Tensor indices) {}
