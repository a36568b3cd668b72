package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.GreedyDecoder;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The real stories260K model against llama2.c's run.c outputs in reference.json. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Stories260kReferenceTest {
    private TensorBackend backend;
    private Tensors tensors;
    private LlamaModel model;
    private JsonNode reference;

    @BeforeAll
    void load() {
        reference = Stories260k.reference();
        backend = new ReferenceBackend();
        tensors = TensorRuntime.tensors(backend);
        model = LlamaLoader.load(Stories260k.directory(), tensors);
    }

    @AfterAll
    void release() {
        if (model != null) {
            model.close();
        }
        if (backend != null) {
            assertEquals(0, backend.memoryStats().liveArrays(), "every array is released");
            backend.close();
        }
    }

    @Test
    void logitsAtTheFirstEightPositionsMatchRunC() {
        int[] ids = Stories260k.ints(reference.get("logits_at_input_ids"));
        double tolerance = reference.get("tolerance").doubleValue();
        try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
            Tensor logits = model.forward(tensors.ofInts(ids, Shape.of(1, ids.length)));
            assertEquals(Shape.of(1, ids.length, 512), logits.shape());
            float[] values = logits.toFloatArray();
            double worst = 0;
            for (int t = 0; t < ids.length; t++) {
                float[] expected = Stories260k.floats(reference.get("logits_at").get(String.valueOf(t)));
                for (int v = 0; v < expected.length; v++) {
                    worst = Math.max(worst, Math.abs(values[t * 512 + v] - expected[v]));
                }
            }
            System.out.printf("stories260K logits at positions 0..7: max |logit - run.c| = %.3g%n", worst);
            assertTrue(worst <= tolerance, "max |logit - run.c| = " + worst + ", tolerance " + tolerance);
        }
    }

    @Test
    void greedyIdsFromBosAndPromptMatchRunCWithTheKvCache() {
        int[] fromBos = Stories260k.ints(reference.get("greedy_from_bos"));
        int[] prompt = Stories260k.ints(reference.get("prompt_ids"));
        int[] fromPrompt = Stories260k.ints(reference.get("greedy_from_prompt"));
        GreedyDecoder decoder = new GreedyDecoder(model, tensors);
        assertArrayEquals(fromBos, decoder.generate(new int[][] {{1}}, fromBos.length)[0]);
        assertArrayEquals(fromPrompt, decoder.generate(new int[][] {prompt}, fromPrompt.length)[0]);
    }

    /**
     * Teacher forcing one batch of both greedy sequences: by causality, the argmax at each position of
     * one full forward pass is what greedy decoding without a cache picks there.
     */
    @Test
    void greedyIdsFromBosAndPromptMatchRunCWithTheFullForwardPass() {
        int[] fromBos = Stories260k.ints(reference.get("greedy_from_bos"));
        int[] prompt = Stories260k.ints(reference.get("prompt_ids"));
        int[] fromPrompt = Stories260k.ints(reference.get("greedy_from_prompt"));
        int length = prompt.length + fromPrompt.length;
        int[] rows = new int[2 * length];
        rows[0] = 1;
        System.arraycopy(fromBos, 0, rows, 1, fromBos.length);   // padded at the end with 0s, never read
        System.arraycopy(prompt, 0, rows, length, prompt.length);
        System.arraycopy(fromPrompt, 0, rows, length + prompt.length, fromPrompt.length);
        try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
            Tensor logits = model.forward(tensors.ofInts(rows, Shape.of(2, length)));
            int[] argmax = tensors.topK(logits, 1).indices().toIntArray();
            assertArrayEquals(fromBos, Arrays.copyOfRange(argmax, 0, fromBos.length));
            assertArrayEquals(fromPrompt, Arrays.copyOfRange(argmax, length + prompt.length - 1, 2 * length - 1));
        }
    }

    @Test
    void decodingWithAndWithoutTheCacheAgreeOnABatch() {
        GreedyDecoder decoder = new GreedyDecoder(model, tensors);
        int[][] prompts = {{1, 403, 407}, {1, 261, 378}};
        assertArrayEquals(decoder.generateWithoutCache(prompts, 12), decoder.generate(prompts, 12));
    }
}
