package dev.presso.host.internal.cli;

import dev.presso.kernel.PressoException;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Picks the next token from logits: the largest (lowest id on ties) at temperature 0, otherwise a
 * draw from {@code softmax(logits / temperature)} restricted to the nucleus, the smallest set of
 * most likely tokens whose probability reaches {@code topP}. Computed in double; reproducible for
 * a seed.
 */
final class TokenSampler {
    private final double temperature;
    private final double topP;
    private final SplittableRandom random;

    TokenSampler(double temperature, double topP, long seed) {
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new PressoException("--temperature is " + temperature + "; expected a finite number >= 0");
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new PressoException("--top-p is " + topP + "; expected a number in (0, 1]");
        }
        this.temperature = temperature;
        this.topP = topP;
        this.random = new SplittableRandom(seed);
    }

    /**
     * Chooses a token.
     *
     * @param logits one row of logits
     * @return the id
     */
    int next(float[] logits) {
        if (temperature == 0) {
            return argmax(logits);
        }
        double max = Double.NEGATIVE_INFINITY;
        for (float logit : logits) {
            max = Math.max(max, logit);
        }
        double[] probabilities = new double[logits.length];
        double total = 0;
        for (int i = 0; i < logits.length; i++) {
            probabilities[i] = Math.exp((logits[i] - max) / temperature);
            total += probabilities[i];
        }
        Integer[] order = new Integer[logits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        int kept = 0;
        double mass = 0;
        while (kept < order.length && (kept == 0 || mass < topP * total)) {
            mass += probabilities[order[kept++]];
        }
        double draw = random.nextDouble() * mass;
        for (int i = 0; i < kept; i++) {
            draw -= probabilities[order[i]];
            if (draw < 0) {
                return order[i];
            }
        }
        return order[kept - 1];
    }

    static int argmax(float[] logits) {
        int best = 0;
        for (int i = 1; i < logits.length; i++) {
            if (logits[i] > logits[best]) {
                best = i;
            }
        }
        return best;
    }
}
