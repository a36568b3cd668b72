package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.BinaryOp;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The reverse pass: visits the graph from a root in reverse topological order, runs each node's
 * rule once with the sum of the gradients that reached it, and accumulates into leaves.
 *
 * <p>Gradients flow in F32; a leaf's gradient is cast to the leaf's dtype. Every gradient in flight
 * is owned by this pass and closed when consumed; rule temporaries die with a per-node scope; the
 * saved tensors of every visited node are released at the end, even when a rule fails. A gradient
 * is accumulated in place only into storage no other open tensor shares.
 */
final class Backpropagation {
    /** A gradient on its way along an edge, owned by the pass. */
    private record Delivery(Node.Edge edge, HostTensor gradient) {}

    private Backpropagation() {}

    /**
     * Back-propagates from {@code root}.
     *
     * @param root the tensor to differentiate
     * @param seedArgument the gradient of the root, or null for 1 on a one-element root
     */
    static void run(HostTensor root, @Nullable HostTensor seedArgument) {
        root.checkOpen("backward");
        if (!root.requiresGrad()) {
            throw new TensorException("backward", root.describe() + " requires no gradient: no input"
                    + " of its computation was marked requiresGrad(true), or it ran under noGrad()");
        }
        try (GradMode _ = GradState.set(false)) {
            Node start = root.gradFn();
            List<Node> order = start == null ? List.of() : Graph.reverseTopologicalOrder(start);
            HostTensor seed = seed(root, seedArgument);
            if (start == null) {
                deliverToLeaf(root, seed);
                return;
            }
            Map<Node, HostTensor> pending = new IdentityHashMap<>();
            pending.put(start, seed);
            try {
                for (Node node : order) {
                    HostTensor gradient = pending.remove(node);
                    if (gradient != null) {
                        deliverAll(runRule(node, gradient), pending);
                    }
                }
            } finally {
                pending.values().forEach(HostTensor::close);
                order.forEach(Node::freeSaved);
            }
        }
    }

    private static HostTensor seed(HostTensor root, @Nullable HostTensor seed) {
        if (seed == null) {
            if (root.shape().size() != 1) {
                throw new TensorException("backward", "backward() starts from a one-element loss, got "
                        + root.describe() + "; reduce it first or pass a seed shaped like it to backward(seed)");
            }
            HostTensor ones = root.factory.allocateUnowned(DType.F32, root.shape());
            root.factory.backend().fill(ones.array(), 1f);
            return ones;
        }
        if (!seed.shape().equals(root.shape()) || !seed.dtype().isFloatingPoint()) {
            throw new TensorException("backward", "the seed gradient " + seed.describe()
                    + " must be floating-point and shaped like the tensor " + root.describe());
        }
        return seed.dtype() == DType.F32 ? seed.view(seed.shape(), false) : Casts.convert(seed, DType.F32, false);
    }

    /** Runs one node's rule in its own scope; returns the gradients to hand on, owned by the pass. */
    private static List<Delivery> runRule(Node node, HostTensor gradient) {
        List<Delivery> deliveries = new ArrayList<>();
        HostScope temporaries = HostScope.open();
        try {
            temporaries.adopt(gradient);
            @Nullable Tensor[] results = node.rule().apply(node, gradient);
            if (results == null) {
                throw new TensorException("backward", "the rule of " + node.op() + " returned null;"
                        + " expected an array with one gradient (or null) per input");
            }
            if (results.length != node.inputCount()) {
                throw new TensorException("backward", "the rule of " + node.op() + " returned "
                        + results.length + " gradients for " + node.inputCount() + " inputs");
            }
            Set<HostTensor> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
            for (int i = 0; i < results.length; i++) {
                Node.Edge edge = node.edge(i);
                Tensor result = results[i];
                if (edge == null || result == null) {
                    continue;
                }
                HostTensor checked = checkGradient(node, i, result);
                HostTensor owned = temporaries.owns(checked) && claimed.add(checked)
                        ? disown(temporaries, checked)
                        : checked.view(checked.shape(), false);
                deliveries.add(new Delivery(edge, owned));
            }
        } catch (RuntimeException e) {
            deliveries.forEach(d -> d.gradient().close());
            throw e;
        } finally {
            temporaries.close();
        }
        return deliveries;
    }

    private static HostTensor disown(HostScope scope, HostTensor tensor) {
        scope.disown(tensor);
        return tensor;
    }

    private static HostTensor checkGradient(Node node, int input, Tensor result) {
        if (!(result instanceof HostTensor host)) {
            throw new TensorException("backward", "the rule of " + node.op()
                    + " returned a tensor not created by the host front end for input " + input);
        }
        host.checkOpen("backward of " + node.op());
        if (!host.shape().equals(node.inputShape(input)) || !host.dtype().isFloatingPoint()) {
            throw new TensorException("backward", "the rule of " + node.op() + " returned "
                    + host.describe() + " for input " + input + "; expected a floating-point gradient of shape "
                    + node.inputShape(input));
        }
        return host.dtype() == DType.F32 ? host : Casts.convert(host, DType.F32, true);
    }

    private static void deliverAll(List<Delivery> deliveries, Map<Node, HostTensor> pending) {
        for (int i = 0; i < deliveries.size(); i++) {
            try {
                deliver(deliveries.get(i), pending);
            } catch (RuntimeException e) {
                deliveries.subList(i + 1, deliveries.size()).forEach(d -> d.gradient().close());
                throw e;
            }
        }
    }

    private static void deliver(Delivery delivery, Map<Node, HostTensor> pending) {
        Node upstream = delivery.edge().node();
        HostTensor gradient = delivery.gradient();
        if (upstream == null) {
            deliverToLeaf(Objects.requireNonNull(delivery.edge().leaf()), gradient);
            return;
        }
        HostTensor previous = pending.get(upstream);
        pending.put(upstream, previous == null ? gradient : sum(previous, gradient));
    }

    /** Adds two pass-owned F32 gradients, consuming both. */
    private static HostTensor sum(HostTensor accumulator, HostTensor addend) {
        HostTensors factory = accumulator.factory;
        HostTensor out = accumulator.isExclusive()
                ? accumulator
                : factory.allocateUnowned(DType.F32, accumulator.shape());
        factory.backend().binary(BinaryOp.ADD, accumulator.array(), addend.array(), out.array());
        if (out != accumulator) {
            accumulator.close();
        }
        addend.close();
        return out;
    }

    /** Adds a pass-owned F32 gradient into a leaf's gradient, consuming it. */
    private static void deliverToLeaf(HostTensor leaf, HostTensor gradient) {
        if (leaf.isClosed() || !leaf.requiresGrad()) {
            gradient.close();
            return;
        }
        HostTensor current = leaf.currentGrad();
        if (current != null && current.dtype() == DType.F32 && current.isExclusive()) {
            leaf.factory.backend().binary(BinaryOp.ADD, current.array(), gradient.array(), current.array());
            gradient.close();
            return;
        }
        HostTensor total = gradient;
        if (current != null) {
            HostTensor current32 = Casts.convert(current, DType.F32, false);
            total = sum(current32, gradient);
        }
        if (leaf.dtype() != DType.F32) {
            HostTensor converted = Casts.convert(total, leaf.dtype(), false);
            total.close();
            total = converted;
        } else if (!total.isExclusive()) {
            HostTensor copy = Casts.convert(total, DType.F32, false);
            total.close();
            total = copy;
        }
        leaf.setGrad(total);
    }
}
