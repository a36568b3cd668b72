package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.KvCache;
import dev.presso.host.internal.model.safetensors.SafetensorsFixture;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Small random models of the LLaMA family's variants, written as Hugging Face directories, loaded,
 * and compared with {@link NaiveLlama}; the cached decoding path is compared with the full pass.
 */
class LlamaVariantsTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int[] IDS = {1, 7, 3, 22, 9, 14, 30, 2, 5, 11, 19, 4, 0, 8};

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("Llama: GQA, all biases, untied head, linear RoPE, BF16, sharded", "BF16", true, true,
                        (Consumer<ObjectNode>) c -> {
                            c.putArray("architectures").add("LlamaForCausalLM");
                            c.put("hidden_size", 16).put("intermediate_size", 24).put("num_attention_heads", 4)
                                    .put("num_key_value_heads", 2).put("rope_theta", 500.0)
                                    .put("attention_bias", true).put("mlp_bias", true)
                                    .put("tie_word_embeddings", false);
                            c.putObject("rope_scaling").put("type", "linear").put("factor", 2.0);
                        }),
                Arguments.of("Qwen2: q/k/v biases, tied head, head_dim, dynamic RoPE, F16", "F16", false, false,
                        (Consumer<ObjectNode>) c -> {
                            c.putArray("architectures").add("Qwen2ForCausalLM");
                            c.put("hidden_size", 12).put("intermediate_size", 20).put("num_attention_heads", 2)
                                    .put("num_key_value_heads", 1).put("head_dim", 8)
                                    .put("max_position_embeddings", 4).put("tie_word_embeddings", true);
                            c.putObject("rope_scaling").put("rope_type", "dynamic").put("factor", 2.0);
                        }),
                Arguments.of("Mistral: sliding window, llama3 RoPE, F32", "F32", false, true,
                        (Consumer<ObjectNode>) c -> {
                            c.putArray("architectures").add("MistralForCausalLM");
                            c.put("hidden_size", 16).put("intermediate_size", 24).put("num_attention_heads", 2)
                                    .put("num_key_value_heads", 2).put("sliding_window", 3);
                            c.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0)
                                    .put("low_freq_factor", 1.0).put("high_freq_factor", 4.0)
                                    .put("original_max_position_embeddings", 64);
                        }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void matchesTheNaiveForwardPassAndTheCachedPath(String name, String dtype, boolean sharded, boolean cacheAgrees,
            Consumer<ObjectNode> shape, @TempDir Path directory) throws IOException {
        ObjectNode config = JSON.createObjectNode().put("num_hidden_layers", 2).put("vocab_size", 32)
                .put("rms_norm_eps", 1e-5).put("hidden_act", "silu");
        shape.accept(config);
        Map<String, float[]> weights = writeModel(directory, config, dtype, sharded);
        int batch = 2;
        int length = IDS.length / batch;
        NaiveLlama naive = new NaiveLlama(weights, config);
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (LlamaModel model = LlamaLoader.load(directory, tensors);
                    TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
                float[] full = model.forward(tensors.ofInts(IDS, Shape.of(batch, length))).toFloatArray();
                double worst = 0;
                for (int b = 0; b < batch; b++) {
                    double[][] expected = naive.logits(java.util.Arrays.copyOfRange(IDS, b * length, (b + 1) * length));
                    for (int t = 0; t < length; t++) {
                        for (int v = 0; v < 32; v++) {
                            worst = Math.max(worst, Math.abs(full[(b * length + t) * 32 + v] - expected[t][v]));
                        }
                    }
                }
                assertTrue(worst < 1e-4, name + ": max |logit - naive| = " + worst);
                if (cacheAgrees) {
                    float[] cached = cachedLogits(model, tensors, batch, length);
                    double gap = 0;
                    for (int i = 0; i < full.length; i++) {
                        gap = Math.max(gap, Math.abs(full[i] - cached[i]));
                    }
                    assertTrue(gap < 1e-5, name + ": max |cached - full| = " + gap);
                }
            }
            assertEquals(0, backend.memoryStats().liveArrays());
        }
    }

    /** Prefill of three positions, then one position at a time, concatenated per sequence. */
    private static float[] cachedLogits(LlamaModel model, Tensors tensors, int batch, int length) {
        try (KvCache cache = model.newCache(batch, 2)) {
            List<Tensor> parts = new java.util.ArrayList<>();
            int position = 0;
            for (int step : new int[] {3, 1, 1, 1, 1}) {
                int[] ids = new int[batch * step];
                for (int b = 0; b < batch; b++) {
                    System.arraycopy(IDS, b * length + position, ids, b * step, step);
                }
                parts.add(model.forward(tensors.ofInts(ids, Shape.of(batch, step)), cache));
                position += step;
            }
            assertEquals(length, cache.length());
            return tensors.concat(1, parts).toFloatArray();
        }
    }

    /** Writes config.json and random weights; returns the weights as the file holds them. */
    private static Map<String, float[]> writeModel(Path directory, ObjectNode config, String dtype, boolean sharded)
            throws IOException {
        Files.writeString(directory.resolve("config.json"), config.toPrettyString());
        int d = config.get("hidden_size").intValue();
        int heads = config.get("num_attention_heads").intValue();
        int kv = config.get("num_key_value_heads").intValue();
        int hd = config.has("head_dim") ? config.get("head_dim").intValue() : d / heads;
        int ff = config.get("intermediate_size").intValue();
        int vocab = config.get("vocab_size").intValue();
        boolean qwen2 = config.get("architectures").get(0).textValue().equals("Qwen2ForCausalLM");
        boolean attentionBias = qwen2 || config.path("attention_bias").asBoolean(false);
        boolean outputBias = !qwen2 && config.path("attention_bias").asBoolean(false);
        boolean mlpBias = config.path("mlp_bias").asBoolean(false);
        SplittableRandom random = new SplittableRandom(dtype.hashCode());
        Map<String, float[]> weights = new LinkedHashMap<>();
        SafetensorsFixture[] files = {new SafetensorsFixture(), new SafetensorsFixture()};
        Map<String, String> index = new LinkedHashMap<>();
        TensorSink sink = (name, values, dims) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = SafetensorsFixture.roundTrip(dtype, values[i]);
            }
            weights.put(name, values);
            int shard = sharded && name.contains("layers.1") ? 1 : 0;
            files[shard].put(name, dtype, values, dims);
            index.put(name, "model-0000" + (shard + 1) + "-of-00002.safetensors");
        };
        sink.put("model.embed_tokens.weight", gaussian(random, vocab * d, 1.0, 0), vocab, d);
        for (int l = 0; l < config.get("num_hidden_layers").intValue(); l++) {
            String p = "model.layers." + l + ".";
            sink.put(p + "input_layernorm.weight", gaussian(random, d, 0.1, 1), d);
            linear(sink, random, p + "self_attn.q_proj", heads * hd, d, attentionBias);
            linear(sink, random, p + "self_attn.k_proj", kv * hd, d, attentionBias);
            linear(sink, random, p + "self_attn.v_proj", kv * hd, d, attentionBias);
            linear(sink, random, p + "self_attn.o_proj", d, heads * hd, outputBias);
            sink.put(p + "post_attention_layernorm.weight", gaussian(random, d, 0.1, 1), d);
            linear(sink, random, p + "mlp.gate_proj", ff, d, mlpBias);
            linear(sink, random, p + "mlp.up_proj", ff, d, mlpBias);
            linear(sink, random, p + "mlp.down_proj", d, ff, mlpBias);
        }
        sink.put("model.norm.weight", gaussian(random, d, 0.1, 1), d);
        if (!config.path("tie_word_embeddings").asBoolean(false)) {
            sink.put("lm_head.weight", gaussian(random, vocab * d, 0.3, 0), vocab, d);
        }
        if (sharded) {
            files[0].write(directory.resolve("model-00001-of-00002.safetensors"));
            files[1].write(directory.resolve("model-00002-of-00002.safetensors"));
            ObjectNode json = JSON.createObjectNode();
            index.forEach(json.putObject("weight_map")::put);
            Files.writeString(directory.resolve("model.safetensors.index.json"), json.toPrettyString());
        } else {
            files[0].write(directory.resolve("model.safetensors"));
        }
        return weights;
    }

    @FunctionalInterface
    private interface TensorSink {
        void put(String name, float[] values, long... shape);
    }

    private static void linear(TensorSink sink, SplittableRandom random, String name, int out, int in, boolean bias) {
        sink.put(name + ".weight", gaussian(random, out * in, 1 / Math.sqrt(in), 0), out, in);
        if (bias) {
            sink.put(name + ".bias", gaussian(random, out, 0.2, 0), out);
        }
    }

    private static float[] gaussian(SplittableRandom random, int n, double scale, double mean) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) (mean + scale * random.nextGaussian());
        }
        return values;
    }
}
