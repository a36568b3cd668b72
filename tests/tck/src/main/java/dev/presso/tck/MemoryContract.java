package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import dev.presso.tck.internal.Cases;
import dev.presso.tck.internal.KernelTour;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Conformance of memory behaviour: no kernel leaves memory behind or modifies its inputs, and a
 * long training loop through the tensor front end ends with exactly the memory it started with.
 *
 * @since 1.0
 */
public interface MemoryContract extends BackendContract {
    /**
     * Every kernel, called once, leaves {@code liveBytes} and {@code liveArrays} where they were
     * once its arrays are closed.
     *
     * @param pair the backends
     * @return one test per kernel
     */
    @TestFactory
    default Stream<DynamicTest> kernelsLeaveNoMemoryBehind(BackendPair pair) {
        Cases cases = new Cases(pair);
        TensorBackend backend = pair.actual();
        for (String kernel : kernelNames(backend)) {
            cases.add(kernel + " releases everything", () -> {
                MemoryStats before = backend.memoryStats();
                KernelTour tour = new KernelTour(backend);
                try {
                    tour.steps().get(kernel).call().accept(backend);
                } finally {
                    tour.close();
                }
                MemoryStats after = backend.memoryStats();
                assertEquals(before.liveBytes(), after.liveBytes(),
                        kernel + " left live bytes behind: " + before + " -> " + after);
                assertEquals(before.liveArrays(), after.liveArrays(),
                        kernel + " left live arrays behind: " + before + " -> " + after);
            });
        }
        return cases.stream();
    }

    /**
     * No kernel modifies its inputs.
     *
     * @param pair the backends
     * @return one test per kernel
     */
    @TestFactory
    default Stream<DynamicTest> kernelsDoNotModifyTheirInputs(BackendPair pair) {
        Cases cases = new Cases(pair);
        TensorBackend backend = pair.actual();
        for (String kernel : kernelNames(backend)) {
            cases.add(kernel + " leaves its inputs unchanged", () -> {
                KernelTour tour = new KernelTour(backend);
                try {
                    KernelTour.Step step = tour.steps().get(kernel);
                    List<byte[]> before = step.inputs().stream().map(backend::toBytes).toList();
                    step.call().accept(backend);
                    for (int i = 0; i < before.size(); i++) {
                        assertArrayEquals(before.get(i), backend.toBytes(step.inputs().get(i)),
                                kernel + " modified input " + i);
                    }
                } finally {
                    tour.close();
                }
            });
        }
        return cases.stream();
    }

    /**
     * Ten thousand steps (a thousand without large inputs) of training a two-layer perceptron —
     * matmul, bias, SiLU, log-softmax cross-entropy, backward, SGD update, each step in a
     * {@link TensorScope} — reduce the loss and end with the live memory they started with.
     *
     * @param pair the backends
     */
    @Test
    default void trainingLoopLeavesNoMemoryBehind(BackendPair pair) {
        TensorBackend backend = pair.actual();
        Tensors tensors = TensorRuntime.tensors(backend);
        int steps = pair.large() ? 10_000 : 1_000;
        int batch = 8;
        int classes = 5;
        float[] oneHot = new float[batch * classes];
        for (int i = 0; i < batch; i++) {
            oneHot[i * classes + (i % classes)] = 1f;
        }
        MemoryStats start = backend.memoryStats();
        Tensor x;
        Tensor targets;
        Tensor w1;
        Tensor b1;
        Tensor w2;
        try (TensorScope setup = tensors.scope()) {
            x = setup.keep(tensors.randn(Shape.of(batch, 12), 1));
            targets = setup.keep(tensors.of(oneHot, Shape.of(batch, classes)));
            w1 = setup.keep(tensors.randn(Shape.of(12, 16), 2).mul(0.3f)).requiresGrad(true);
            b1 = setup.keep(tensors.zeros(DType.F32, Shape.of(16))).requiresGrad(true);
            w2 = setup.keep(tensors.randn(Shape.of(16, classes), 3).mul(0.3f)).requiresGrad(true);
        }
        List<Tensor> parameters = List.of(w1, b1, w2);
        MemoryStats afterSetup = backend.memoryStats();
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < steps; step++) {
            try (TensorScope _ = tensors.scope()) {
                Tensor logits = x.matmul(w1).add(b1).map(UnaryOp.SILU).matmul(w2);
                Tensor loss = logits.logSoftmax().mul(targets).sum().mul(-1f / batch);
                loss.backward();
                last = loss.item();
                first = step == 0 ? last : first;
                try (GradMode _ = tensors.noGrad()) {
                    for (Tensor p : parameters) {
                        Tensor updated = p.sub(p.grad().orElseThrow().mul(0.05f));
                        backend.copy(updated.array(), p.array());
                        p.zeroGrad();
                    }
                }
            }
            if (step == 0) {
                assertEquals(afterSetup.liveBytes(), backend.memoryStats().liveBytes(),
                        "live bytes after the first training step");
            }
        }
        MemoryStats afterTraining = backend.memoryStats();
        assertEquals(afterSetup.liveBytes(), afterTraining.liveBytes(),
                steps + " training steps left live bytes behind: " + afterSetup + " -> " + afterTraining);
        assertEquals(afterSetup.liveArrays(), afterTraining.liveArrays(),
                steps + " training steps left live arrays behind");
        assertTrue(last < first * 0.5f, "training should reduce the loss, from " + first + " to " + last);
        for (Tensor t : List.of(x, targets, w1, b1, w2)) {
            t.close();
        }
        assertEquals(start.liveBytes(), backend.memoryStats().liveBytes(),
                "closing every tensor returns live bytes to the start");
    }

    private static List<String> kernelNames(TensorBackend backend) {
        KernelTour tour = new KernelTour(backend);
        try {
            Map<String, KernelTour.Step> steps = tour.steps();
            return List.copyOf(steps.keySet());
        } finally {
            tour.close();
        }
    }
}
