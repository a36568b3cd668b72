package dev.presso.host.internal.embedded;

import java.util.HashMap;
import java.util.Map;

/**
 * The AdamW optimizer (Loshchilov and Hutter) over heap parameters, with optional clipping of the
 * global gradient norm. Weight decay is decoupled and applies to matrices only, not to the 1-D
 * RMSNorm gains. All arithmetic is plain Java float and double math, so a step gives the same bits
 * on every machine. Not thread-safe.
 */
final class AdamW {
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double weightDecay;
    private final double gradientClip;
    private final Map<String, float[]> firstMoments = new HashMap<>();
    private final Map<String, float[]> secondMoments = new HashMap<>();
    private int steps;

    /**
     * Creates an optimizer with zero moments.
     *
     * @param settings the decays, stabilizer, weight decay and clipping norm
     */
    AdamW(TrainingSettings settings) {
        this.beta1 = settings.beta1();
        this.beta2 = settings.beta2();
        this.epsilon = settings.epsilon();
        this.weightDecay = settings.weightDecay();
        this.gradientClip = settings.gradientClip();
    }

    /**
     * Takes one step: clips the gradients to the global norm if it is larger, updates the moments
     * and moves every parameter.
     *
     * @param parameters updated in place
     * @param gradients the loss's gradient by parameter name; a parameter without one gets a zero
     *     gradient (its moments still decay)
     * @param learningRate this step's learning rate
     * @return the global gradient norm before clipping
     */
    double step(Parameters parameters, Map<String, float[]> gradients, double learningRate) {
        double norm = globalNorm(parameters, gradients);
        double scale = gradientClip > 0 && norm > gradientClip ? gradientClip / norm : 1.0;
        steps++;
        double correction1 = 1 - StrictMath.pow(beta1, steps);
        double correction2 = 1 - StrictMath.pow(beta2, steps);
        for (String name : parameters.names()) {
            float[] value = parameters.values(name);
            float[] gradient = gradients.get(name);
            float[] m = firstMoments.computeIfAbsent(name, n -> new float[value.length]);
            float[] v = secondMoments.computeIfAbsent(name, n -> new float[value.length]);
            double decay = parameters.shape(name).rank() >= 2 ? 1 - learningRate * weightDecay : 1.0;
            for (int i = 0; i < value.length; i++) {
                double g = gradient == null ? 0.0 : gradient[i] * scale;
                m[i] = (float) (beta1 * m[i] + (1 - beta1) * g);
                v[i] = (float) (beta2 * v[i] + (1 - beta2) * g * g);
                double update = (m[i] / correction1) / (Math.sqrt(v[i] / correction2) + epsilon);
                value[i] = (float) (value[i] * decay - learningRate * update);
            }
        }
        return norm;
    }

    /** Sums the squares in the parameters' order, so the rounding is the same every time. */
    private static double globalNorm(Parameters parameters, Map<String, float[]> gradients) {
        double sum = 0;
        for (String name : parameters.names()) {
            float[] gradient = gradients.get(name);
            if (gradient != null) {
                for (float g : gradient) {
                    sum += (double) g * g;
                }
            }
        }
        return Math.sqrt(sum);
    }
}
