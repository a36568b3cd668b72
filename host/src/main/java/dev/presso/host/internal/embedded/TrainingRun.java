package dev.presso.host.internal.embedded;

/**
 * What a training run measured.
 *
 * @param losses the training loss of every step, in nats per token
 * @param seconds the wall-clock time of the steps
 */
record TrainingRun(float[] losses, double seconds) {
    /**
     * Returns the mean loss of the last tenth of the steps (at least one step), a less noisy final
     * loss than the last step's.
     *
     * @return nats per token
     */
    double finalLoss() {
        int tail = Math.max(1, losses.length / 10);
        double sum = 0;
        for (int i = losses.length - tail; i < losses.length; i++) {
            sum += losses[i];
        }
        return sum / tail;
    }

    /**
     * Returns the mean loss of the first tenth of the steps (at least one step).
     *
     * @return nats per token
     */
    double initialLoss() {
        int head = Math.max(1, losses.length / 10);
        double sum = 0;
        for (int i = 0; i < head; i++) {
            sum += losses[i];
        }
        return sum / head;
    }
}
