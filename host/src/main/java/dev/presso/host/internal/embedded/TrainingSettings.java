package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How the embedded model is trained: AdamW with decoupled weight decay on the matrices, global
 * gradient-norm clipping, and a learning rate that warms up linearly and then follows a cosine down
 * to a fraction of its peak.
 *
 * @param steps the number of optimizer steps
 * @param batchSize the sequences per step
 * @param sequenceLength the tokens per sequence, at most the model's context length
 * @param peakLearningRate the learning rate after warm-up
 * @param finalLearningRateRatio the last step's learning rate as a fraction of the peak
 * @param warmupSteps the steps of linear warm-up
 * @param weightDecay the decoupled weight decay of matrices (norm gains are not decayed)
 * @param beta1 the first-moment decay
 * @param beta2 the second-moment decay
 * @param epsilon the denominator's stabilizer
 * @param gradientClip the largest global gradient norm, or 0 for none
 */
record TrainingSettings(int steps, int batchSize, int sequenceLength, double peakLearningRate,
        double finalLearningRateRatio, int warmupSteps, double weightDecay, double beta1, double beta2, double epsilon,
        double gradientClip) {
    /** Checks the settings. */
    TrainingSettings {
        if (steps < 1 || batchSize < 1 || sequenceLength < 1 || warmupSteps < 0) {
            throw new IllegalArgumentException("steps, batch size and sequence length must be positive and warm-up"
                    + " at least 0, got " + steps + ", " + batchSize + ", " + sequenceLength + ", " + warmupSteps);
        }
        if (!(peakLearningRate > 0) || !(finalLearningRateRatio >= 0 && finalLearningRateRatio <= 1)
                || !(weightDecay >= 0) || !(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)
                || !(epsilon > 0) || !(gradientClip >= 0)) {
            throw new IllegalArgumentException("invalid optimizer settings: " + this);
        }
    }

    /**
     * Returns the learning rate of a step.
     *
     * @param step the step, from 0
     * @return the rate: linear warm-up to the peak, then a cosine to the final ratio of it
     */
    double learningRate(int step) {
        if (step < warmupSteps) {
            return peakLearningRate * (step + 1) / warmupSteps;
        }
        int decaySteps = Math.max(1, steps - warmupSteps - 1);
        double progress = Math.min(1.0, (double) (step - warmupSteps) / decaySteps);
        double cosine = 0.5 * (1 + Math.cos(Math.PI * progress));
        return peakLearningRate * (finalLearningRateRatio + (1 - finalLearningRateRatio) * cosine);
    }

    /** Describes the settings for the recipe's hash and report. @return a JSON object */
    ObjectNode toJson() {
        return DurableFiles.json().createObjectNode().put("steps", steps).put("batch_size", batchSize)
                .put("sequence_length", sequenceLength).put("peak_learning_rate", peakLearningRate)
                .put("final_learning_rate_ratio", finalLearningRateRatio).put("warmup_steps", warmupSteps)
                .put("weight_decay", weightDecay).put("beta1", beta1).put("beta2", beta2).put("epsilon", epsilon)
                .put("gradient_clip", gradientClip);
    }
}
