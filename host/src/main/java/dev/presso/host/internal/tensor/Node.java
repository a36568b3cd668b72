package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One recorded operation of the tape: where each input's gradient goes, the tensors saved for the
 * backward pass, and the rule that computes input gradients from the output gradient.
 *
 * <p>Nodes are reference counted: the output tensor and every downstream node hold one reference.
 * When the count reaches zero (the output and everything computed from it are closed) the saved
 * tensors are released and upstream nodes lose a reference. A backward pass releases the saved
 * tensors of every node it visits at once and marks them spent; a second pass through them fails.
 */
final class Node {
    /**
     * Where one input's gradient goes: into an upstream node or into a leaf's gradient.
     *
     * @param node the operation that computed the input, or null for a leaf
     * @param leaf the leaf input, or null when {@code node} is set
     */
    record Edge(@Nullable Node node, @Nullable HostTensor leaf) {}

    private final String op;
    private final @Nullable Edge[] edges;
    private final Shape[] inputShapes;
    private final BackwardRule rule;
    private final List<HostTensor> saved = new ArrayList<>();
    private int references;
    private boolean spent;

    Node(String op, @Nullable Edge[] edges, Shape[] inputShapes, BackwardRule rule) {
        this.op = op;
        this.edges = edges;
        this.inputShapes = inputShapes;
        this.rule = rule;
    }

    /** Returns the operation's name, for messages. */
    String op() {
        return op;
    }

    BackwardRule rule() {
        return rule;
    }

    int inputCount() {
        return edges.length;
    }

    @Nullable Edge edge(int input) {
        return edges[input];
    }

    /** Returns whether the input at this position needs a gradient. */
    boolean needs(int input) {
        return edges[input] != null;
    }

    Shape inputShape(int input) {
        return inputShapes[input];
    }

    /** Keeps a view of a tensor for the backward pass, owned by this node. */
    void save(HostTensor tensor) {
        HostTensor view = tensor.view(tensor.shape(), false);
        view.owner = this;
        saved.add(view);
    }

    /** Takes ownership of a tensor already saved elsewhere (by a custom function's context). */
    void adoptSaved(HostTensor tensor) {
        tensor.owner = this;
        saved.add(tensor);
    }

    /** Returns a tensor kept by {@link #save}, in saving order. */
    HostTensor saved(int index) {
        checkNotSpent();
        return saved.get(index);
    }

    void checkNotSpent() {
        if (spent) {
            throw new TensorException("backward", "the graph through " + op
                    + " was already freed by a previous backward(); run the forward pass again");
        }
    }

    /** Adds a reference from an output tensor or a downstream node. */
    void retain() {
        references++;
    }

    /** Releases the saved tensors; the node can no longer run backward. */
    void freeSaved() {
        spent = true;
        for (HostTensor tensor : saved) {
            tensor.owner = null;
            tensor.close();
        }
        saved.clear();
    }

    /**
     * Drops one reference; at zero releases the saved tensors and, iteratively, the references this
     * node holds on upstream nodes (graphs can be long chains).
     */
    void release() {
        ArrayDeque<Node> work = new ArrayDeque<>();
        work.push(this);
        while (!work.isEmpty()) {
            Node node = work.pop();
            if (--node.references > 0) {
                continue;
            }
            node.freeSaved();
            for (Edge edge : node.edges) {
                if (edge != null && edge.node() != null) {
                    work.push(edge.node());
                }
            }
        }
    }
}
