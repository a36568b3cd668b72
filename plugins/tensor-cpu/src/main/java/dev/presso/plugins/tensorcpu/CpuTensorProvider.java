package dev.presso.plugins.tensorcpu;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;
import dev.presso.plugins.tensorcpu.internal.CpuBackend;
import dev.presso.plugins.tensorcpu.internal.HostProbe;
import dev.presso.plugins.tensorcpu.internal.linalg.LinearAlgebraFactory;

/**
 * The pure-Java CPU tensor provider: Vector API kernels on a worker pool, with LAPACK through
 * FFM for the decompositions when the bundled OpenBLAS loads.
 *
 * <p>Needs the JVM flag {@code --add-modules jdk.incubator.vector}; without it {@link #probe()}
 * says so. Options: {@link BackendOptions#threads()} (0 = one per processor) and the property
 * {@value #LINALG_PROPERTY} = {@code auto} (default: native LAPACK when it loads) or
 * {@code java} (always the pure-Java decompositions).
 *
 * @since 0.1.0
 */
public final class CpuTensorProvider implements TensorProvider {
    /** The property that selects the decompositions: {@code auto} or {@code java}. */
    public static final String LINALG_PROPERTY = "cpu.linalg";

    /** Creates the provider; cheap, loads nothing. */
    public CpuTensorProvider() {}

    @Override
    public String name() {
        return "cpu";
    }

    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability probe() {
        try {
            return HostProbe.probe();
        } catch (RuntimeException | LinkageError e) {
            return Availability.unavailable("cpu provider probe failed: " + e);
        }
    }

    @Override
    public TensorBackend open(BackendOptions options) {
        Availability availability = probe();
        if (!availability.available()) {
            throw new TensorException("open", "the cpu provider is unavailable: "
                    + availability.reason());
        }
        int threads = options.threads() == 0 ? Runtime.getRuntime().availableProcessors()
                : options.threads();
        String linalg = options.properties().getOrDefault(LINALG_PROPERTY, "auto");
        return switch (linalg) {
            case "auto" -> new CpuBackend(threads, LinearAlgebraFactory::create);
            case "java" -> new CpuBackend(threads, LinearAlgebraFactory::createJava);
            default -> throw new TensorException("open", LINALG_PROPERTY + " = '" + linalg
                    + "'; expected 'auto' or 'java'");
        };
    }
}
