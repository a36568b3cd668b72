package dev.presso.plugins.tensorcpu.internal.gemm;

/**
 * A row-major matrix operand of the product as stored: {@code op(X)[r][c]} is
 * {@code data[offset + r * stride + c]}, or {@code data[offset + c * stride + r]} when
 * {@code transposed}.
 *
 * @param data the backing array
 * @param offset the index of element {@code [0][0]}
 * @param stride the distance between consecutive stored rows
 * @param transposed whether the product uses the transpose of the stored matrix
 */
record Operand(float[] data, int offset, int stride, boolean transposed) {}
