package dev.presso.kernel.tensor;

/**
 * The factors of a singular value decomposition {@code a = u * diag(s) * vt}.
 *
 * @param u the left singular vectors as columns
 * @param s the singular values, descending
 * @param vt the right singular vectors as rows
 * @since 1.0
 */
public record Svd(Tensor u, Tensor s, Tensor vt) {}
