package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.Tensor;
import org.jspecify.annotations.Nullable;

/**
 * The vector-Jacobian product of one recorded operation, written with tensor operations so that
 * every backend gets it. It runs with recording off inside a scope that releases its temporaries.
 */
@FunctionalInterface
interface BackwardRule {
    /**
     * Computes the gradient for each input.
     *
     * @param node the recorded operation: saved tensors, input shapes and which inputs need a
     *     gradient ({@link Node#needs})
     * @param grad the F32 gradient with respect to the operation's output
     * @return one F32 gradient per input, shaped like it; {@code null} where none is needed
     */
    @Nullable Tensor[] apply(Node node, HostTensor grad);
}
