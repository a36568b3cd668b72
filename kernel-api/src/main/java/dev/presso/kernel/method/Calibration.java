package dev.presso.kernel.method;

import dev.presso.kernel.tensor.Tensor;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Statistics of one linear layer's inputs, collected by running the model over calibration
 * tokens.
 *
 * <p>The rows are the layer's input vectors {@code X [N, in]}, one per calibration token. The
 * tensors this interface returns are new on every call and belong to the caller (to its current
 * {@link dev.presso.kernel.tensor.TensorScope}, when one is open).
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
     * <p>It is the plain sum over rows, not divided by {@link #rows()}; a method that wants the
     * GPTQ Hessian {@code (2/N) X^T X} or AQLM's {@code X^T X / N} scales it itself.
     *
     * @return the F32 matrix {@code [in, in]}, rounded from the double-precision sum, or empty
     *     without calibration data
     */
    Optional<Tensor> gram();

    /**
     * Returns a deterministic subsample of the input rows, for methods that need activations
     * rather than their Gram matrix.
     *
     * <p>The host draws it by seeded reservoir sampling over the rows in the order the model saw
     * them, so the same tokens, seed and capacity give the same rows; layers that see the same
     * number of rows sample the same token positions.
     *
     * @return the F32 rows {@code [k, in]} with {@code k = min(rows(), capacity)}, in no particular
     *     order, or empty when no subsample was requested or no row was seen
     */
    default Optional<Tensor> inputSample() {
        return Optional.empty();
    }
}
