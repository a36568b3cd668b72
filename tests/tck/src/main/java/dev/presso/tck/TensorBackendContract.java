package dev.presso.tck;

/**
 * The conformance kit for tensor backends: every kernel of
 * {@link dev.presso.kernel.tensor.TensorBackend} checked against a float64 reference on fresh,
 * seeded random inputs, plus storage, memory, error and autodiff behaviour.
 *
 * <p>A provider passes the kit in a few lines:
 *
 * <pre>{@code
 * class MyBackendConformanceTest implements TensorBackendContract {
 *     @Override
 *     public TensorBackend openBackend() {
 *         return new MyTensorProvider().open(BackendOptions.defaults());
 *     }
 * }
 * }</pre>
 *
 * <p>The backend is opened once per test class and closed after it. Every test gets a
 * {@link BackendPair} whose random data is seeded by the test's name, so failures reproduce.
 *
 * <h2>What is checked</h2>
 * <ul>
 *   <li>{@link StorageContract}: allocation, bit-exact transfers for every dtype, views, memory
 *       statistics, closed and foreign arrays.</li>
 *   <li>{@link DenseKernelsContract}: GEMM (all transposes, alpha/beta, batches, 1 to 1024, BF16
 *       and F16 where declared), every unary, binary and scalar operation with broadcasting, in
 *       place and on special values, clamp, fill, every reduction, argMax, copy, permute and
 *       copySlice.</li>
 *   <li>{@link NeuralKernelsContract}: softmax and log-softmax (stability, masking, NaN rows),
 *       rmsNorm, rope in both directions, fwht for blocks 1 to 4096.</li>
 *   <li>{@link IndexKernelsContract}: gather, scatterAdd, hashGather, hashScatterAdd and topK
 *       with its tie and NaN rules.</li>
 *   <li>{@link QuantKernelsContract}: casts between every pair of dtypes, quantize and
 *       dequantize for 1, 2, 4 and 8 bits, including the packed bit layout.</li>
 *   <li>{@link LinearAlgebraKernelsContract}: svd, qr, eigh by their properties; cholesky,
 *       triangularSolve and leastSquares against the reference.</li>
 *   <li>{@link MemoryContract}: no kernel leaks or modifies its inputs; 10,000 training steps
 *       leave memory where it started.</li>
 *   <li>{@link ConcurrencyContract}: concurrent calls from several threads, and bit-identical
 *       results for repeated calls.</li>
 *   <li>{@link AutodiffContract}: every differentiable tensor operation against finite
 *       differences, through the host's tensor front end on this backend.</li>
 * </ul>
 *
 * <h2>Tolerances</h2>
 * <p>F32 results must be within {@link Tolerances#standard()} of the reference, computed in
 * double precision and rounded once: {@code 1e-5} relative (plus {@code 1e-6} of the output's
 * largest magnitude) for elementwise and row-wise kernels; {@code 1e-5} of
 * {@code |alpha|·(|A|·|B|) + |beta·C|} per GEMM element; {@code 1e-5} of the summed magnitudes
 * for sums and accumulations; {@code 1e-4} normwise for decompositions; {@code 1e-2} relative
 * and {@code 1e-3} absolute for gradients. Casts, integer and packed results, MAX, MIN, argMax,
 * topK, gathers and layout kernels must be exact. Override {@link #tolerances()} only with a
 * documented reason.
 *
 * @since 1.0
 */
public interface TensorBackendContract extends StorageContract, DenseKernelsContract,
        NeuralKernelsContract, IndexKernelsContract, QuantKernelsContract,
        LinearAlgebraKernelsContract, MemoryContract, ConcurrencyContract, AutodiffContract {}
