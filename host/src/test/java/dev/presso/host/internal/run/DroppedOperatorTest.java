package dev.presso.host.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.DenseLinearOperator;
import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A dropped sub-block (its output projection a zero operator) is the sub-block skipped, checked
 * two independent ways on the real stories260K model: a block with both sub-blocks dropped passes
 * its input on bit for bit, and dropping by the output projection gives the same logits as
 * silencing the sub-block from its inside (zero values for attention, a zero up projection for
 * the MLP, whose outputs are then exactly zero).
 */
class DroppedOperatorTest {
    private static final Path MODEL = Path.of(System.getProperty("presso.shared.data", "../../shared/data"),
            "stories260k");
    private static final int[] TOKENS = {1, 403, 407, 261, 378, 414, 270, 286};

    private final java.util.Map<String, LinearOperator> original = new java.util.HashMap<>();

    @Test
    void aBlockWithBothSubBlocksDroppedPassesItsInputOn() {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad(); LlamaModel model =
                    LlamaLoader.load(MODEL, tensors)) {
                drop(model, tensors, "model.layers.2.self_attn.o_proj");
                drop(model, tensors, "model.layers.2.mlp.down_proj");
                float[] values = new float[TOKENS.length * 64];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) Math.sin(i * 0.37);
                }
                Tensor hidden = tensors.of(values, Shape.of(1, TOKENS.length, 64));
                assertArrayEquals(values, model.forwardLayer(2, hidden).toFloatArray());
                assertFalse(Arrays.equals(values, model.forwardLayer(1, hidden).toFloatArray()));
            }
        }
    }

    @Test
    void droppingTheOutputProjectionEqualsSilencingTheSubBlockFromInside() {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad(); LlamaModel model =
                    LlamaLoader.load(MODEL, tensors)) {
                float[] dense = logits(model, tensors);
                drop(model, tensors, "model.layers.1.self_attn.o_proj");
                drop(model, tensors, "model.layers.3.mlp.down_proj");
                float[] dropped = logits(model, tensors);
                restore(model, "model.layers.1.self_attn.o_proj");
                restore(model, "model.layers.3.mlp.down_proj");
                assertArrayEquals(dense, logits(model, tensors), "the dense operators are back");
                zero(model, tensors, "model.layers.1.self_attn.v_proj");
                zero(model, tensors, "model.layers.3.mlp.up_proj");
                assertArrayEquals(logits(model, tensors), dropped);
                assertFalse(Arrays.equals(dense, dropped));
            }
        }
    }

    private static float[] logits(LlamaModel model, Tensors tensors) {
        return model.forward(tensors.ofInts(TOKENS, Shape.of(1, TOKENS.length))).toFloatArray();
    }

    private void drop(LlamaModel model, Tensors tensors, String name) {
        LinearSite site = site(model, name);
        original.put(name, site.operator());
        site.replace(new DroppedOperator(tensors, site.operator().outFeatures(), site.operator().inFeatures()));
        assertEquals(0, site.operator().storageBits());
    }

    private void restore(LlamaModel model, String name) {
        site(model, name).replace(original.get(name));
    }

    private static void zero(LlamaModel model, Tensors tensors, String name) {
        LinearSite site = site(model, name);
        site.replace(new DenseLinearOperator(tensors.zeros(DType.F32, Shape.of(site.operator().outFeatures(),
                site.operator().inFeatures()))));
    }

    private static LinearSite site(LlamaModel model, String name) {
        return model.linearSites().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
