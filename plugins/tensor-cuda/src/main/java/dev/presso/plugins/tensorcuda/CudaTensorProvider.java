package dev.presso.plugins.tensorcuda;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import dev.presso.plugins.tensorcuda.internal.backend.CudaBackend;
import dev.presso.plugins.tensorcuda.internal.backend.CudaSettings;
import dev.presso.plugins.tensorcuda.internal.backend.DeviceProbe;
import dev.presso.plugins.tensorcuda.internal.driver.CudaDriver;
import dev.presso.plugins.tensorcuda.internal.driver.LibrarySearch;
import org.jspecify.annotations.Nullable;

/**
 * The CUDA tensor provider ("cuda", priority 100, so an available GPU is preferred over the CPU's
 * 10): NVIDIA GPUs through {@code libcuda.so.1}, {@code libcublas.so.13} and
 * {@code libcusolver.so.12}, bound with the FFM API.
 *
 * <p>Constructing the provider loads nothing. {@link #probe()} loads the driver, calls
 * {@code cuInit} and checks device 0 (compute capability at least 7.5); it never throws and says
 * precisely what is missing. Libraries are looked for in the directories of the system property
 * {@value LibrarySearch#PROPERTY}, then by soname, then in {@code $CUDA_HOME/lib64},
 * {@code /usr/local/cuda/lib64} and {@code /usr/local/cuda-13*}{@code /lib64}. A missing cuBLAS
 * or cuSOLVER leaves the provider available; GEMM or the decompositions then fail with the reason.
 *
 * <p>Options: {@link BackendOptions#deviceIndex()} picks the GPU; properties
 * {@value CudaSettings#TF32} ({@code false} by default) and {@value CudaSettings#MODULE}
 * ({@code auto}, {@code ptx} or {@code fatbin}).
 *
 * @since 0.1.0
 */
public final class CudaTensorProvider implements TensorProvider {
    private final @Nullable LibrarySearch search;
    private volatile @Nullable DeviceProbe probed;

    /** Creates the provider with the standard library search; cheap, loads nothing. */
    public CudaTensorProvider() {
        this(null);
    }

    /**
     * Creates a provider that looks for the libraries where {@code search} says (tests use
     * {@link LibrarySearch#only} to load fake libraries).
     *
     * @param search the search, or null for {@link LibrarySearch#standard()} at probe time
     */
    CudaTensorProvider(@Nullable LibrarySearch search) {
        this.search = search;
    }

    @Override
    public String name() {
        return "cuda";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability probe() {
        return probeOnce().availability();
    }

    @Override
    public TensorBackend open(BackendOptions options) {
        DeviceProbe result = probeOnce();
        CudaDriver driver = result.driver();
        if (!result.availability().available() || driver == null) {
            throw new TensorException("open", "the cuda provider is unavailable: "
                    + result.availability().reason());
        }
        CudaSettings settings = CudaSettings.from(options.properties());
        String problem = DeviceProbe.deviceProblem(driver, options.deviceIndex());
        if (problem != null) {
            throw new TensorException("open", problem);
        }
        return new CudaBackend(driver, librarySearch(), options.deviceIndex(), settings);
    }

    private DeviceProbe probeOnce() {
        DeviceProbe result = probed;
        if (result == null) {
            synchronized (this) {
                result = probed;
                if (result == null) {
                    result = DeviceProbe.run(librarySearch());
                    probed = result;
                }
            }
        }
        return result;
    }

    private LibrarySearch librarySearch() {
        return search != null ? search : LibrarySearch.standard();
    }
}
