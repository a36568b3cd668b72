package dev.presso.kernel.method;

import dev.presso.kernel.tensor.Tensor;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Statistics of one linear layer's inputs, collected by running the model over calibration
 * tokens.
 *
 * @since 1.0
 */
@ProviderType
public interface Calibration {
    /**
     * Returns how many input rows (tokens) were seen.
     *
     * @return the row count; 0 when the method runs without calibration
     */
    long rows();

    /**
     * Returns the input Gram matrix {@code X^T X}, accumulated in double precision.
     *
     * @return the matrix {@code [in, in]}, or empty without calibration data
     */
    Optional<Tensor> gram();
}
