package dev.presso.host.internal.tensor;

import dev.presso.kernel.tensor.CustomFunction;
import dev.presso.kernel.tensor.FunctionContext;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link CustomFunction}s: the forward pass with recording off inside a scope that releases
 * its temporaries, then a node whose rule is the function's backward pass. Tensors the function
 * saves are views owned by the node, so they survive the caller closing the originals.
 */
final class CustomFunctions {
    private CustomFunctions() {}

    static HostTensor apply(HostTensors factory, CustomFunction function, List<HostTensor> inputs) {
        String name = "apply(" + function.getClass().getName() + ")";
        boolean recording = Autograd.isRecording(inputs);
        Context context = new Context(factory);
        HostTensor produced;
        boolean ownedByForward;
        HostScope temporaries = HostScope.open();
        try (GradMode _ = GradState.set(false)) {
            Tensor result = function.forward(context, List.copyOf(inputs));
            if (result == null) {
                throw new TensorException(name, "forward returned null; expected a new tensor");
            }
            produced = factory.host(name, result);
            ownedByForward = temporaries.owns(produced);
            if (ownedByForward) {
                temporaries.keep(produced);
            }
        } catch (RuntimeException e) {
            context.release();
            throw e;
        } finally {
            temporaries.close();
        }
        HostTensor output = ownedByForward ? produced : produced.view(produced.shape(), true);
        Node node = recording && output.dtype().isFloatingPoint()
                ? Autograd.record(name, output, inputs, List.of(),
                        (n, g) -> function.backward(context, g))
                : null;
        if (node == null) {
            context.release();
        } else {
            context.saved.forEach(node::adoptSaved);
        }
        return output;
    }

    /** Keeps views of what the forward pass saves; owned by the node once recorded. */
    private static final class Context implements FunctionContext {
        private final HostTensors factory;
        private final List<HostTensor> saved = new ArrayList<>();

        Context(HostTensors factory) {
            this.factory = factory;
        }

        @Override
        public void save(Tensor... tensors) {
            for (Tensor tensor : tensors) {
                HostTensor view = factory.host("save", tensor).view(tensor.shape(), false);
                view.owner = this;
                saved.add(view);
            }
        }

        @Override
        public List<Tensor> saved() {
            return List.copyOf(saved);
        }

        @Override
        public Tensors tensors() {
            return factory;
        }

        void release() {
            for (HostTensor tensor : saved) {
                tensor.owner = null;
                tensor.close();
            }
            saved.clear();
        }
    }
}
