package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.DenseLinearOperator;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loaded stories260K model's surface: linear sites, operator replacement, input errors, shards. */
class LlamaModelTest {
    private static final int[] IDS = {1, 403, 407, 261, 378};

    private TensorBackend backend;
    private Tensors tensors;
    private LlamaModel model;

    @BeforeEach
    void load() {
        backend = new ReferenceBackend();
        tensors = TensorRuntime.tensors(backend);
        model = LlamaLoader.load(Stories260k.directory(), tensors);
    }

    @AfterEach
    void release() {
        model.close();
        assertEquals(0, backend.memoryStats().liveArrays(), "every array is released");
        backend.close();
    }

    @Test
    void everyLinearLayerIsASiteInExecutionOrder() {
        List<String> names = model.linearSites().stream().map(LinearSite::name).toList();
        assertEquals(5 * 7 + 1, names.size());
        assertEquals(List.of("model.layers.0.self_attn.q_proj", "model.layers.0.self_attn.k_proj",
                "model.layers.0.self_attn.v_proj", "model.layers.0.self_attn.o_proj", "model.layers.0.mlp.gate_proj",
                "model.layers.0.mlp.up_proj", "model.layers.0.mlp.down_proj"), names.subList(0, 7));
        assertEquals("lm_head", names.getLast());
        assertSame(model.parameters().get(LlamaParameters.EMBEDDING), model.linearSites().getLast().weight(),
                "the tied head applies the embedding matrix");
        LinearSite down = model.linearSites().get(6);
        assertEquals(Shape.of(64, 172), down.weight().shape());
        assertEquals(172, down.operator().inFeatures());
        assertEquals(64 * 172 * 32L, down.operator().storageBits());
        assertEquals("LlamaForCausalLM", model.architecture());
        assertEquals(512, model.vocabularySize());
    }

    @Test
    void aReplacedOperatorIsWhatTheModelApplies() {
        LinearSite site = model.linearSites().get(4);
        LinearOperator dense = site.operator();
        float[] before = logits();
        try (TensorScope _ = tensors.scope()) {
            site.replace(new DenseLinearOperator(site.weight().mul(0f)));
            float[] zeroGate = logits();
            assertFalse(java.util.Arrays.equals(before, zeroGate), "zeroing a gate projection changes the logits");
            site.replace(new DenseLinearOperator(site.weight().mul(1f)));
            assertArrayEquals(before, logits(), "an equal dense operator gives the same logits");
        } finally {
            site.replace(dense);
        }
    }

    @Test
    void anOperatorOfOtherWidthsIsRefused() {
        LinearSite site = model.linearSites().getFirst();
        LinearSite other = model.linearSites().get(1);
        TensorException e = assertThrows(TensorException.class, () -> site.replace(other.operator()));
        assertTrue(e.getMessage().contains("model.layers.0.self_attn.q_proj maps 64 -> 64 features, but the new"
                + " operator DenseLinearOperator[32 x 64] maps 64 -> 32"), e.getMessage());
    }

    @Test
    void badTokensAreArgumentErrors() {
        try (TensorScope _ = tensors.scope()) {
            TensorException range = assertThrows(TensorException.class,
                    () -> model.forward(tensors.ofInts(new int[] {1, 512}, Shape.of(1, 2))));
            assertTrue(range.getMessage().contains("512"), range.getMessage());
            TensorException rank = assertThrows(TensorException.class,
                    () -> model.forward(tensors.ofInts(new int[] {1, 2}, Shape.of(2))));
            assertTrue(rank.getMessage().contains("expected I32 token ids [B, T]"), rank.getMessage());
        }
    }

    @Test
    void aShardedCopyGivesTheSameLogits(@TempDir Path temp) throws IOException {
        Path copy = Stories260k.copyTo(temp.resolve("sharded"));
        Stories260k.shard(copy);
        float[] single = logits();
        try (LlamaModel sharded = LlamaLoader.load(copy, tensors); TensorScope _ = tensors.scope();
                GradMode _ = tensors.noGrad()) {
            assertArrayEquals(single, sharded.forward(tensors.ofInts(IDS, Shape.of(1, IDS.length))).toFloatArray());
        }
    }

    private float[] logits() {
        try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
            Tensor logits = model.forward(tensors.ofInts(IDS, Shape.of(1, IDS.length)));
            return logits.toFloatArray();
        }
    }
}
