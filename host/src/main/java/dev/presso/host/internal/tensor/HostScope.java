package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A thread-local, nested region owning the tensors created in it. The scopes of a thread form a
 * stack shared by every backend; new tensors belong to the innermost open scope, or to nobody
 * (their creator) when none is open.
 *
 * <p>Ownership is recorded on the tensor ({@link HostTensor#owner}), so {@link #keep} is O(1): the
 * scope's list may still mention a kept tensor, but close only releases tensors it still owns.
 * Closing a scope first closes any scope opened inside it that is still open.
 */
public final class HostScope implements TensorScope {
    private static final ThreadLocal<ArrayDeque<HostScope>> STACK = ThreadLocal.withInitial(ArrayDeque::new);

    private final ArrayDeque<HostScope> stack;
    private final @Nullable HostScope parent;
    private final Thread thread;
    private final List<HostTensor> owned = new ArrayList<>();
    private int compactAt = 256;
    private boolean closed;

    private HostScope(ArrayDeque<HostScope> stack) {
        this.stack = stack;
        this.parent = stack.peek();
        this.thread = Thread.currentThread();
    }

    /**
     * Opens a scope on the current thread, nested in the innermost open one.
     *
     * @return the new innermost scope
     */
    public static HostScope open() {
        ArrayDeque<HostScope> stack = STACK.get();
        HostScope scope = new HostScope(stack);
        stack.push(scope);
        return scope;
    }

    /** Gives a new tensor to the innermost open scope of this thread, if any. */
    static void register(HostTensor tensor) {
        HostScope top = STACK.get().peek();
        if (top != null) {
            top.adopt(tensor);
        }
    }

    /** Makes this scope the tensor's owner. */
    void adopt(HostTensor tensor) {
        tensor.owner = this;
        if (owned.size() >= compactAt) {
            // a long-lived scope whose tensors are closed or kept early must not grow without bound
            owned.removeIf(t -> t.owner != this || t.isClosed());
            compactAt = Math.max(256, 2 * owned.size());
        }
        owned.add(tensor);
    }

    /** Takes the tensor away from this scope without closing it; its new owner is the caller. */
    void disown(HostTensor tensor) {
        if (tensor.owner == this) {
            tensor.owner = null;
        }
    }

    /** Returns whether this scope owns the tensor now. */
    boolean owns(HostTensor tensor) {
        return tensor.owner == this;
    }

    @Override
    public <T extends Tensor> T keep(T tensor) {
        checkThread("keep");
        if (closed) {
            throw new TensorException("keep", "the scope is already closed");
        }
        if (!(tensor instanceof HostTensor host)) {
            throw new TensorException("keep", "expected a tensor created by the host front end, got "
                    + tensor.getClass().getName());
        }
        boolean movable = host.owner == this;
        if (host.owner instanceof HostTensor leaf && leaf.owner == this) {
            leaf.giveUpGrad(host);
            movable = true;
        }
        if (movable) {
            if (parent != null && !parent.closed) {
                parent.adopt(host);
            } else {
                host.owner = null;
            }
        }
        return tensor;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        checkThread("close");
        while (!stack.isEmpty() && stack.peek() != this && stack.contains(this)) {
            stack.peek().close();
        }
        closed = true;
        stack.remove(this);
        for (int i = owned.size() - 1; i >= 0; i--) {
            HostTensor tensor = owned.get(i);
            if (tensor.owner == this) {
                tensor.owner = null;
                tensor.close();
            }
        }
        owned.clear();
    }

    private void checkThread(String op) {
        if (Thread.currentThread() != thread) {
            throw new TensorException(op, "a scope is bound to the thread that opened it ("
                    + thread.getName() + "), but this is " + Thread.currentThread().getName());
        }
    }
}
