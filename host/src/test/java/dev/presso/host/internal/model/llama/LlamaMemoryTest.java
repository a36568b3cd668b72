package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/**
 * A forward pass over long sequences holds one decoder layer's intermediates at a time: its peak
 * memory is about that of running a single layer, not five layers' attention scores.
 */
class LlamaMemoryTest {
    private static final int BATCH = 2;
    private static final int LENGTH = 200;

    @Test
    void aForwardPassReleasesEachLayersIntermediatesBeforeTheNext() {
        long oneLayer = peakGrowth((model, tensors) -> model.forwardLayer(0, model.embed(tokens(tensors))));
        long wholePass = peakGrowth((model, tensors) -> model.forward(tokens(tensors)));
        long logitBytes = (long) Float.BYTES * BATCH * LENGTH * 512;
        assertTrue(oneLayer > 0, "a layer allocates");
        assertTrue(wholePass < 2 * oneLayer + 3 * logitBytes, "the whole pass peaked " + wholePass + " bytes above the"
                + " weights, one layer " + oneLayer + " bytes; five layers' intermediates were alive at once");
    }

    /** Runs a pass without gradients on a fresh backend; returns its peak bytes above the loaded weights. */
    private static long peakGrowth(BiFunction<LlamaModel, Tensors, Tensor> pass) {
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (LlamaModel model = LlamaLoader.load(Stories260k.directory(), tensors)) {
                long loaded = Math.max(backend.memoryStats().liveBytes(), backend.memoryStats().peakBytes());
                try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
                    pass.apply(model, tensors);
                }
                long growth = backend.memoryStats().peakBytes() - loaded;
                model.close();
                assertEquals(0, backend.memoryStats().liveArrays(), "every array is released");
                return growth;
            }
        }
    }

    private static Tensor tokens(Tensors tensors) {
        int[] ids = new int[BATCH * LENGTH];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 3 + (i * 37) % 500;
        }
        return tensors.ofInts(ids, Shape.of(BATCH, LENGTH));
    }
}
