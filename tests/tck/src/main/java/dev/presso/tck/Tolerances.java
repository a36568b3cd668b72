package dev.presso.tck;

/**
 * How far a backend's results may be from the float64 reference, per family of kernels.
 *
 * <p>An F32 element {@code a} passes against the reference {@code e} when
 * {@code |a - e| <= relative * |e| + normwise * max|e|}, where {@code max|e|} is taken over the
 * whole output; NaN must meet NaN and an infinity the same infinity. Integer, packed, F16 and
 * BF16 results (casts, codes, indices) must match exactly, except that a quantized code may be off
 * by one where {@code x / scale + zero} lies within {@code 1e-4} of a rounding boundary.
 *
 * <table>
 * <caption>Default tolerances ({@link #standard()})</caption>
 * <tr><th>component</th><th>default</th><th>kernels</th></tr>
 * <tr><td>{@code elementwise}</td><td>1e-5 relative, 1e-6 normwise</td>
 *     <td>unary, binary, scalar, clamp, rmsNorm, rope, softmax, logSoftmax, dequantize</td></tr>
 * <tr><td>{@code gemm}</td><td>1e-5 of {@code |alpha|·(|A|·|B|) + |beta·C|}</td>
 *     <td>gemm (per element), for F32, BF16 and F16 operands</td></tr>
 * <tr><td>{@code accumulation}</td><td>1e-5 of the sum of magnitudes</td>
 *     <td>reduce SUM/MEAN, scatterAdd, hashScatterAdd, fwht</td></tr>
 * <tr><td>{@code decomposition}</td><td>1e-4 normwise</td>
 *     <td>svd, qr, cholesky, eigh, triangularSolve, leastSquares: reconstruction, orthogonality
 *     and comparison with the reference on well-conditioned inputs</td></tr>
 * <tr><td>{@code gradient}</td><td>1e-2 relative, 1e-3 absolute</td>
 *     <td>analytic gradients against central differences (F32 forward passes)</td></tr>
 * </table>
 *
 * <p>MAX, MIN, argMax, topK, gather, hashGather, copy, permute, copySlice, fill and casts are
 * exact.
 *
 * @param elementwise relative tolerance of elementwise and row-wise kernels
 * @param elementwiseNormwise normwise tolerance of elementwise and row-wise kernels
 * @param gemm tolerance of a GEMM element relative to {@code |alpha|·(|A|·|B|) + |beta·C|}
 * @param accumulation tolerance of a sum relative to the sum of its terms' magnitudes
 * @param decomposition normwise tolerance of decompositions and solvers
 * @param gradientRelative relative tolerance of a gradient element against finite differences
 * @param gradientAbsolute absolute tolerance of a gradient element against finite differences
 * @since 1.0
 */
public record Tolerances(double elementwise, double elementwiseNormwise, double gemm,
        double accumulation, double decomposition, double gradientRelative,
        double gradientAbsolute) {
    /**
     * Returns the tolerances every float32 backend must meet.
     *
     * @return the defaults listed in the table above
     */
    public static Tolerances standard() {
        return new Tolerances(1e-5, 1e-6, 1e-5, 1e-5, 1e-4, 1e-2, 1e-3);
    }
}
