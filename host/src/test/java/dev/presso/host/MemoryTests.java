package dev.presso.host;

import static dev.presso.host.TestTensors.liveArrays;
import static dev.presso.host.TestTensors.liveBytes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.CustomFunction;
import dev.presso.kernel.tensor.FunctionContext;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Scopes and the tape release every array: backend memory returns to where it started. */
class MemoryTests {
    private final Tensors tensors = TestTensors.reference();

    @Test
    void trainingStepsInScopesLeakNothing() {
        Tensor x = tensors.randn(Shape.of(16, 8), 1);
        Tensor target = tensors.randn(Shape.of(16, 4), 2);
        Tensor w = tensors.randn(Shape.of(8, 4), 3).requiresGrad(true);
        Tensor b = tensors.zeros(dev.presso.kernel.tensor.DType.F32, Shape.of(4)).requiresGrad(true);
        long bytes = liveBytes(tensors);
        long arrays = liveArrays(tensors);
        float first = Float.NaN;
        float last = Float.NaN;
        for (int step = 0; step < 2000; step++) {
            try (TensorScope _ = tensors.scope()) {
                Tensor loss = x.matmul(w).add(b).map(UnaryOp.TANH).sub(target).square().mean();
                loss.backward();
                last = loss.item();
                first = step == 0 ? last : first;
                try (GradMode _ = tensors.noGrad()) {
                    for (Tensor p : List.of(w, b)) {
                        Tensor updated = p.sub(p.grad().orElseThrow().mul(0.1f));
                        tensors.backend().copy(updated.array(), p.array());
                        p.zeroGrad();
                    }
                }
            }
            if (step == 0 || step == 1999) {
                assertEquals(bytes, liveBytes(tensors), "live bytes after step " + step);
                assertEquals(arrays, liveArrays(tensors), "live arrays after step " + step);
            }
        }
        assertTrue(last < first * 0.8, "training reduced the loss from " + first + " to " + last);
        List.of(x, target, w, b).forEach(Tensor::close);
    }

    @Test
    void replacingParametersEachStepLeaksNothing() {
        Tensor x = tensors.randn(Shape.of(4, 3), 4);
        Tensor w = tensors.randn(Shape.of(3, 2), 5).requiresGrad(true);
        long bytes = liveBytes(tensors);
        for (int step = 0; step < 200; step++) {
            Tensor next;
            try (TensorScope scope = tensors.scope()) {
                x.matmul(w).map(UnaryOp.SILU).sum().backward();
                try (GradMode _ = tensors.noGrad()) {
                    next = scope.keep(w.sub(w.grad().orElseThrow().mul(0.01f)));
                }
            }
            w.close();
            w = next.requiresGrad(true);
            assertEquals(bytes, liveBytes(tensors));
        }
        w.close();
        x.close();
    }

    @Test
    void aKeptLossKeepsItsGraphUntilBackward() {
        Tensor x = tensors.randn(Shape.of(3, 3), 6);
        Tensor w = tensors.randn(Shape.of(3, 3), 7).requiresGrad(true);
        long bytes = liveBytes(tensors);
        Tensor loss;
        try (TensorScope scope = tensors.scope()) {
            loss = scope.keep(x.matmul(w).map(UnaryOp.TANH).square().sum());
        }
        assertTrue(liveBytes(tensors) > bytes + 4, "the graph's saved tensors outlive the scope");
        loss.backward();
        loss.close();
        Tensor grad = w.grad().orElseThrow();
        assertEquals(bytes + grad.array().byteSize(), liveBytes(tensors));
        w.close();
        assertTrue(grad.isClosed(), "a leaf owns its gradient");
        x.close();
        assertEquals(bytes - 72, liveBytes(tensors), "x and w are released too");
    }

    @Test
    void graphsWithoutBackwardAreReleasedWithTheirScope() {
        Tensor w = tensors.randn(Shape.of(8, 8), 8).requiresGrad(true);
        long bytes = liveBytes(tensors);
        try (TensorScope _ = tensors.scope()) {
            w.matmul(w).map(UnaryOp.GELU).softmax().mean();
        }
        assertEquals(bytes, liveBytes(tensors));
        w.close();
    }

    @Test
    void keptGradientsAndNestedScopes() {
        long bytes = liveBytes(tensors);
        Tensor kept;
        Tensor outer;
        try (TensorScope scope = tensors.scope()) {
            Tensor w = tensors.randn(Shape.of(4, 3), 7).requiresGrad(true);
            w.square().mean().backward();
            kept = scope.keep(w.grad().orElseThrow());
            try (TensorScope inner = tensors.scope()) {
                outer = inner.keep(tensors.full(Shape.of(2), 1f));
                tensors.full(Shape.of(100), 2f);
            }
            assertFalse(outer.isClosed(), "kept moves to the enclosing scope");
        }
        assertTrue(outer.isClosed(), "the enclosing scope closed it");
        assertFalse(kept.isClosed(), "the kept gradient belongs to the caller");
        assertEquals(bytes + 48, liveBytes(tensors));
        kept.close();
        assertEquals(bytes, liveBytes(tensors));
    }

    @Test
    void closingAnOuterScopeClosesInnerOnes() {
        long bytes = liveBytes(tensors);
        TensorScope outer = tensors.scope();
        TensorScope inner = tensors.scope();
        Tensor t = tensors.full(Shape.of(10), 1f);
        outer.close();
        assertTrue(t.isClosed());
        inner.close(); // idempotent
        assertEquals(bytes, liveBytes(tensors));
    }

    @Test
    void aScopeBelongsToItsThread() throws Exception {
        TensorScope scope = tensors.scope();
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread other = Thread.ofPlatform().start(() -> {
                try {
                    scope.close();
                } catch (RuntimeException e) {
                    failure.set(e);
                }
            });
            other.join();
            assertTrue(failure.get() instanceof TensorException, String.valueOf(failure.get()));
            Tensor t = tensors.full(Shape.of(1), 1f);
            assertFalse(t.isClosed(), "the scope is still open");
        } finally {
            scope.close();
        }
    }

    @Test
    void aFailingBackwardStillReleasesEverything() {
        CustomFunction failing = new CustomFunction() {
            @Override
            public Tensor forward(FunctionContext context, List<Tensor> inputs) {
                context.save(inputs.get(0));
                return inputs.get(0).mul(2f);
            }

            @Override
            public Tensor[] backward(FunctionContext context, Tensor outputGradient) {
                outputGradient.mul(3f);
                throw new IllegalStateException("boom");
            }
        };
        Tensor x = tensors.randn(Shape.of(5), 9).requiresGrad(true);
        long bytes = liveBytes(tensors);
        try (TensorScope _ = tensors.scope()) {
            Tensor loss = tensors.apply(failing, x.map(UnaryOp.EXP)).sum();
            assertThrows(IllegalStateException.class, loss::backward);
        }
        assertEquals(bytes, liveBytes(tensors));
        assertTrue(x.grad().isEmpty());
        x.close();
    }
}
