package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.Shape;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Records operations on the tape when gradient mode is on and an input requires a gradient. */
final class Autograd {
    private Autograd() {}

    /** Returns whether an operation on these inputs would be recorded now. */
    static boolean isRecording(List<HostTensor> inputs) {
        if (!GradState.isEnabled()) {
            return false;
        }
        for (HostTensor input : inputs) {
            if (input.requiresGrad()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Records an operation if {@link #isRecording} holds, making {@code output} a non-leaf that
     * requires a gradient.
     *
     * @param op the operation's name, for messages
     * @param output the result, freshly created
     * @param inputs the differentiable inputs, in the order the rule returns gradients
     * @param save tensors the rule reads back with {@link Node#saved}, in order
     * @param rule the backward rule
     * @return the node, or null when nothing was recorded
     */
    static @Nullable Node record(String op, HostTensor output, List<HostTensor> inputs,
            List<HostTensor> save, BackwardRule rule) {
        if (!isRecording(inputs)) {
            return null;
        }
        Node.Edge[] edges = new Node.Edge[inputs.size()];
        Shape[] shapes = new Shape[inputs.size()];
        for (int i = 0; i < edges.length; i++) {
            HostTensor input = inputs.get(i);
            shapes[i] = input.shape();
            if (input.requiresGrad()) {
                Node upstream = input.gradFn();
                if (upstream != null) {
                    upstream.retain();
                }
                edges[i] = new Node.Edge(upstream, upstream == null ? input : null);
            }
        }
        Node node = new Node(op, edges, shapes, rule);
        for (HostTensor tensor : save) {
            node.save(tensor);
        }
        output.attach(node);
        return node;
    }
}
