package dev.presso.kernel.method;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.pipeline.PluginContext;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A post-training compression technique for linear layers: the levels it offers, their exact
 * cost, and the compressed operator it produces.
 *
 * @since 1.0
 */
@ConsumerType
public interface CompressionMethod {
    /**
     * Returns the method's id as pipelines name it, such as {@code "rtn"}.
     *
     * @return the id
     */
    String id();

    /**
     * Returns the levels this method offers, from least to most compressed.
     *
     * @return the levels, never empty
     */
    List<Level> levels();

    /**
     * Returns the exact storage cost of compressing a layer of the given shape at a level.
     *
     * @param outFeatures the layer's output width
     * @param inFeatures the layer's input width
     * @param level one of {@link #levels()}
     * @return the size in bits, every auxiliary value included
     */
    long costBits(long outFeatures, long inFeatures, Level level);

    /**
     * Compresses one layer.
     *
     * @param site the layer, whose dense weight is read and not modified
     * @param level one of {@link #levels()}
     * @param calibration the layer's input statistics
     * @param context the run's tensors, seed, progress and cancellation
     * @return the compressed operator
     */
    LinearOperator compress(LinearSite site, Level level, Calibration calibration,
            PluginContext context);

    /**
     * Rebuilds an operator this method made from its saved form; the result computes exactly
     * what the original did.
     *
     * @param outFeatures the layer's output width
     * @param inFeatures the layer's input width
     * @param payload what {@link LinearOperator#payload()} returned
     * @param context the run's tensors
     * @return the operator
     * @throws dev.presso.kernel.PressoException if the payload is not one this method wrote; the
     *     message names the missing or malformed tensor or attribute
     */
    LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload,
            PluginContext context);
}
