package dev.presso.plugins.tensorcuda.internal.kernels;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.ConcurrencyContract;
import dev.presso.tck.DenseKernelsContract;
import dev.presso.tck.IndexKernelsContract;
import dev.presso.tck.NeuralKernelsContract;
import dev.presso.tck.QuantKernelsContract;
import org.junit.jupiter.api.BeforeAll;

/**
 * The tensor conformance kit's kernel contracts on the provider's CUDA C kernels compiled for the
 * host CPU: every element-wise, reduction, layout, neural, index and quantization kernel against
 * the float64 reference (GEMM goes to tensor-cpu, as it goes to cuBLAS on a GPU), and repeated
 * calls bit-identical. Skipped where g++ is absent.
 */
class HostKernelsConformanceTest implements DenseKernelsContract, NeuralKernelsContract,
        IndexKernelsContract, QuantKernelsContract, ConcurrencyContract {
    @BeforeAll
    static void needsCompiler() {
        assumeTrue(HostKernels.compilerAvailable(), "g++ is not installed");
    }

    @Override
    public TensorBackend openBackend() {
        return new HostKernelBackend(HostKernels.library());
    }
}
