package dev.presso.host.internal.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/** Orders the nodes reachable from a root so that each comes before the nodes it reads from. */
final class Graph {
    private Graph() {}

    /**
     * Returns the nodes reachable from {@code root}, root first, each before its inputs' nodes.
     * Iterative, so long chains do not overflow the stack.
     *
     * @throws dev.presso.kernel.tensor.TensorException if a node's graph was freed by an earlier
     *     backward pass
     */
    static List<Node> reverseTopologicalOrder(Node root) {
        List<Node> postOrder = new ArrayList<>();
        Set<Node> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Node> nodes = new ArrayDeque<>();
        ArrayDeque<int[]> nextEdge = new ArrayDeque<>();
        root.checkNotSpent();
        visited.add(root);
        nodes.push(root);
        nextEdge.push(new int[] {0});
        while (!nodes.isEmpty()) {
            Node node = nodes.peek();
            int[] next = nextEdge.peek();
            if (next[0] == node.inputCount()) {
                postOrder.add(node);
                nodes.pop();
                nextEdge.pop();
                continue;
            }
            Node.Edge edge = node.edge(next[0]++);
            Node upstream = edge == null ? null : edge.node();
            if (upstream != null && visited.add(upstream)) {
                upstream.checkNotSpent();
                nodes.push(upstream);
                nextEdge.push(new int[] {0});
            }
        }
        Collections.reverse(postOrder);
        return postOrder;
    }
}
