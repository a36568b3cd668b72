package dev.presso.kernel.tensor;

/**
 * The eigendecomposition {@code a = vectors * diag(values) * vectors^T} of a symmetric matrix.
 *
 * @param values the eigenvalues, ascending
 * @param vectors the orthonormal eigenvectors as columns
 * @since 1.0
 */
public record Eigh(Tensor values, Tensor vectors) {}
