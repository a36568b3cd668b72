package dev.presso.tck.internal;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.tensor.Tensors;
import java.lang.reflect.Proxy;

/** Plugin contexts for code that computes no tensors, such as search strategies. */
public final class TensorFreeContext {
    private TensorFreeContext() {}

    /**
     * Returns a fresh context (seed 0, no checkpoints, not cancelled) whose tensors fail any use.
     *
     * @return the context
     */
    public static CountingPluginContext create() {
        Tensors none = (Tensors) Proxy.newProxyInstance(Tensors.class.getClassLoader(), new Class<?>[] {Tensors.class},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return switch (method.getName()) {
                            case "hashCode" -> System.identityHashCode(proxy);
                            case "equals" -> proxy == args[0];
                            default -> "tensor-free context";
                        };
                    }
                    throw new UnsupportedOperationException("a search strategy has no tensors to compute with; it"
                            + " called Tensors." + method.getName());
                });
        return new CountingPluginContext(none);
    }
}
