package dev.presso.host.internal.calibration;

import dev.presso.kernel.tensor.TensorException;
import java.util.Objects;

/**
 * What a calibration run collects besides the Gram matrices, and in which order sequential
 * calibration compresses.
 *
 * @param sampleCapacity how many input rows to keep per linear layer by reservoir sampling; 0
 *     keeps none
 * @param seed the seed of the reservoir sampling
 * @param blockOrder the order inside a decoder layer in sequential mode
 */
public record CalibrationSettings(int sampleCapacity, long seed, BlockOrder blockOrder) {
    /**
     * Validates the components.
     *
     * @param sampleCapacity the row subsample size, at least 0
     * @param seed the sampling seed
     * @param blockOrder the order inside a decoder layer
     */
    public CalibrationSettings {
        Objects.requireNonNull(blockOrder, "blockOrder must not be null");
        if (sampleCapacity < 0) {
            throw new TensorException("calibration", "sample capacity must be at least 0, got " + sampleCapacity);
        }
    }

    /**
     * Returns the settings of the EvoPress and GPTQ pipelines: Gram matrices only, whole-block
     * order.
     *
     * @return the defaults
     */
    public static CalibrationSettings defaults() {
        return new CalibrationSettings(0, 0, BlockOrder.WHOLE_BLOCK);
    }

    /**
     * Returns these settings with a row subsample.
     *
     * @param capacity rows kept per linear layer
     * @param sampleSeed the sampling seed
     * @return the new settings
     */
    public CalibrationSettings withSample(int capacity, long sampleSeed) {
        return new CalibrationSettings(capacity, sampleSeed, blockOrder);
    }

    /**
     * Returns these settings with another order inside a decoder layer.
     *
     * @param order the order
     * @return the new settings
     */
    public CalibrationSettings withBlockOrder(BlockOrder order) {
        return new CalibrationSettings(sampleCapacity, seed, order);
    }
}
