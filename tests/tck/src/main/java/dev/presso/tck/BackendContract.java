package dev.presso.tck;

import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.internal.ConformanceExtension;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The root of the tensor-backend contracts: how the kit obtains the backend under test.
 *
 * <p>{@link #openBackend()} is called once per test class, on first use; the kit closes the
 * backend after the class. Test methods receive a {@link BackendPair}, which holds the backend
 * under test next to a float64 reference backend, a per-test seeded random source and the
 * {@link #tolerances()}.
 *
 * @since 1.0
 */
@ExtendWith(ConformanceExtension.class)
public interface BackendContract {
    /**
     * Opens the backend under test.
     *
     * @return a new backend, owned by the kit from now on
     */
    TensorBackend openBackend();

    /**
     * Returns how far results may be from the float64 reference.
     *
     * @return {@link Tolerances#standard()} unless overridden
     */
    default Tolerances tolerances() {
        return Tolerances.standard();
    }

    /**
     * Returns whether to include the large cases (a 1024×1024×1024 GEMM, 4096-wide softmax rows,
     * million-element reductions, 10,000 training steps); they take a few seconds on a CPU.
     *
     * @return {@code true} unless overridden
     */
    default boolean includeLargeInputs() {
        return true;
    }
}
