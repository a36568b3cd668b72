package dev.presso.host.internal.model;

import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;

/**
 * Greedy decoding: after the prompt, repeatedly append the token with the largest logit (the lowest
 * id on ties). Decoding never stops early; callers cut at an end-of-sequence id if they want to.
 */
public final class GreedyDecoder {
    private final IncrementalCausalLM model;
    private final Tensors tensors;

    /**
     * Creates a decoder.
     *
     * @param model the model
     * @param tensors the front end of the backend the model runs on
     */
    public GreedyDecoder(IncrementalCausalLM model, Tensors tensors) {
        this.model = model;
        this.tensors = tensors;
    }

    /**
     * Generates with a key/value cache: one pass over the prompt, then one single-token pass per
     * new token.
     *
     * @param prompts equally long, non-empty prompts, one per sequence
     * @param steps the number of tokens to generate
     * @return the generated ids {@code [B][steps]}, prompts excluded
     */
    public int[][] generate(int[][] prompts, int steps) {
        int batch = checkPrompts(prompts, steps);
        int[][] generated = new int[batch][steps];
        try (GradMode _ = tensors.noGrad();
                KvCache cache = model.newCache(batch, prompts[0].length + (long) steps)) {
            int[][] input = prompts;
            for (int step = 0; step < steps; step++) {
                int[] next;
                try (TensorScope _ = tensors.scope()) {
                    next = argmaxOfLast(model.forward(tokens(input), cache));
                }
                for (int b = 0; b < batch; b++) {
                    generated[b][step] = next[b];
                }
                input = column(next);
            }
        }
        return generated;
    }

    /**
     * Generates without a cache, running the whole sequence through {@link IncrementalCausalLM#forward(Tensor)}
     * for every new token; slower, and a check of the cached path.
     *
     * @param prompts equally long, non-empty prompts, one per sequence
     * @param steps the number of tokens to generate
     * @return the generated ids {@code [B][steps]}, prompts excluded
     */
    public int[][] generateWithoutCache(int[][] prompts, int steps) {
        int batch = checkPrompts(prompts, steps);
        int length = prompts[0].length;
        int[][] sequences = new int[batch][];
        for (int b = 0; b < batch; b++) {
            sequences[b] = Arrays.copyOf(prompts[b], length + steps);
        }
        try (GradMode _ = tensors.noGrad()) {
            for (int step = 0; step < steps; step++) {
                int[][] input = new int[batch][];
                for (int b = 0; b < batch; b++) {
                    input[b] = Arrays.copyOf(sequences[b], length + step);
                }
                int[] next;
                try (TensorScope _ = tensors.scope()) {
                    next = argmaxOfLast(model.forward(tokens(input)));
                }
                for (int b = 0; b < batch; b++) {
                    sequences[b][length + step] = next[b];
                }
            }
        }
        int[][] generated = new int[batch][];
        for (int b = 0; b < batch; b++) {
            generated[b] = Arrays.copyOfRange(sequences[b], length, length + steps);
        }
        return generated;
    }

    /** Returns the argmax of the last position's logits {@code [B, T, V]}, per sequence. */
    private int[] argmaxOfLast(Tensor logits) {
        Shape shape = logits.shape();
        Tensor last = logits.slice(1, shape.dim(1) - 1, shape.dim(1)).reshape(shape.dim(0), shape.dim(2));
        return tensors.topK(last, 1).indices().toIntArray();
    }

    private Tensor tokens(int[][] rows) {
        int width = rows[0].length;
        int[] flat = new int[rows.length * width];
        for (int b = 0; b < rows.length; b++) {
            System.arraycopy(rows[b], 0, flat, b * width, width);
        }
        return tensors.ofInts(flat, Shape.of(rows.length, width));
    }

    private static int[][] column(int[] ids) {
        int[][] rows = new int[ids.length][];
        for (int b = 0; b < ids.length; b++) {
            rows[b] = new int[] {ids[b]};
        }
        return rows;
    }

    private static int checkPrompts(int[][] prompts, int steps) {
        if (prompts.length == 0 || steps < 0) {
            throw new TensorException("generate", "expected at least one prompt and steps >= 0, got "
                    + prompts.length + " prompts and " + steps + " steps");
        }
        for (int[] prompt : prompts) {
            if (prompt.length == 0 || prompt.length != prompts[0].length) {
                throw new TensorException("generate", "expected non-empty prompts of one length, got lengths "
                        + Arrays.toString(Arrays.stream(prompts).mapToInt(p -> p.length).toArray()));
            }
        }
        return prompts.length;
    }
}
