package dev.presso.kernel.tensor;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A differentiable function with a hand-written backward pass, for estimators that the chain
 * rule cannot express, such as straight-through rounding or learned-step-size quantizers.
 *
 * <p>Both passes run with gradient recording off; the backward pass returns one gradient per
 * input, or {@code null} for an input that gets none.
 *
 * <pre>{@code
 * CustomFunction straightThroughRound = new CustomFunction() {
 *     public Tensor forward(FunctionContext ctx, List<Tensor> in) { return in.get(0).map(UnaryOp.ROUND); }
 *     public Tensor[] backward(FunctionContext ctx, Tensor grad) { return new Tensor[] {grad}; }
 * };
 * Tensor q = tensors.apply(straightThroughRound, x);
 * }</pre>
 *
 * @since 1.0
 */
@ConsumerType
public interface CustomFunction {
    /**
     * Computes the output.
     *
     * @param context where to save tensors for the backward pass
     * @param inputs the inputs, in the order given to {@link Tensors#apply}
     * @return a new tensor
     */
    Tensor forward(FunctionContext context, List<Tensor> inputs);

    /**
     * Computes the gradient of the loss with respect to each input.
     *
     * @param context the context of the forward pass
     * @param outputGradient the gradient with respect to the output
     * @return one gradient per input, shaped like that input; an element may be {@code null}
     */
    @Nullable Tensor[] backward(FunctionContext context, Tensor outputGradient);
}
