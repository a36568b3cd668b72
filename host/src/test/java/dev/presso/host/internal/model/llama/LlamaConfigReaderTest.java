package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Reading config.json: the real file, Hugging Face defaults, the architectures' bias rules, RoPE scalings. */
class LlamaConfigReaderTest {
    private static final String BASE = "\"hidden_size\": 64, \"intermediate_size\": 128, \"num_hidden_layers\": 2,"
            + " \"num_attention_heads\": 8, \"vocab_size\": 100";

    @Test
    void readsTheRealConfiguration() {
        LlamaConfig c = LlamaConfigReader.read(Stories260k.directory().resolve("config.json"));
        assertEquals(new LlamaConfig("LlamaForCausalLM", 64, 172, 5, 8, 4, 8, 512, 1e-5, 10000.0,
                new RopeScaling.None(), 512, true, false, false, false, 0, OptionalInt.of(1), List.of(2)), c);
        assertEquals(2, c.queriesPerKeyValue());
    }

    @Test
    void appliesHuggingFaceDefaults() {
        LlamaConfig c = parse("{\"architectures\": [\"LlamaForCausalLM\"], " + BASE + "}");
        assertEquals(8, c.kvHeads());
        assertEquals(8, c.headDim());
        assertEquals(1e-6, c.rmsNormEps());
        assertEquals(10000.0, c.ropeTheta());
        assertEquals(2048, c.maxPositionEmbeddings());
        assertFalse(c.tieWordEmbeddings());
        assertEquals(OptionalInt.empty(), c.bosTokenId());
        assertEquals(List.of(), c.eosTokenIds());
    }

    @Test
    void fallsBackToTheModelType() {
        assertEquals("Qwen2ForCausalLM", parse("{\"model_type\": \"qwen2\", " + BASE + "}").architecture());
    }

    @Test
    void biasesFollowTheArchitecture() {
        LlamaConfig llama = parse("{\"architectures\": [\"LlamaForCausalLM\"], \"attention_bias\": true,"
                + " \"mlp_bias\": true, " + BASE + "}");
        assertTrue(llama.attentionBias() && llama.outputBias() && llama.mlpBias());
        LlamaConfig qwen = parse("{\"architectures\": [\"Qwen2ForCausalLM\"], " + BASE + "}");
        assertTrue(qwen.attentionBias());
        assertFalse(qwen.outputBias() || qwen.mlpBias());
    }

    @Test
    void readsEveryRopeScalingAndSeveralEndIds() {
        LlamaConfig llama3 = parse("{\"architectures\": [\"LlamaForCausalLM\"], " + BASE + ", \"rope_theta\": 500000.0,"
                + " \"eos_token_id\": [128001, 128008, 128009], \"rope_scaling\": {\"rope_type\": \"llama3\","
                + " \"factor\": 8.0, \"low_freq_factor\": 1.0, \"high_freq_factor\": 4.0,"
                + " \"original_max_position_embeddings\": 8192}}");
        assertEquals(new RopeScaling.Llama3(8.0, 1.0, 4.0, 8192), llama3.ropeScaling());
        assertEquals(List.of(128001, 128008, 128009), llama3.eosTokenIds());
        assertEquals(new RopeScaling.Linear(2.0), parse("{\"architectures\": [\"LlamaForCausalLM\"], " + BASE
                + ", \"rope_scaling\": {\"type\": \"linear\", \"factor\": 2}}").ropeScaling());
        LlamaConfig parameters = parse("{\"architectures\": [\"LlamaForCausalLM\"], " + BASE
                + ", \"rope_parameters\": {\"rope_type\": \"dynamic\", \"factor\": 4.0, \"rope_theta\": 1000.0}}");
        assertEquals(new RopeScaling.Dynamic(4.0), parameters.ropeScaling());
        assertEquals(1000.0, parameters.ropeTheta());
    }

    @Test
    void refusesWhatItCannotRunExactly() {
        assertError("{\"architectures\": [\"Qwen2ForCausalLM\"], \"use_sliding_window\": true, " + BASE + "}",
                "field 'use_sliding_window' is true; expected false");
        assertError("{\"architectures\": [\"LlamaForCausalLM\"], \"head_dim\": 7, " + BASE + "}",
                "field 'head_dim' is giving an odd head width 7; expected an even head width");
        assertError("{" + BASE + "}", "field 'architectures' is missing and model_type is missing; expected one of");
        assertError("{\"architectures\": [\"LlamaForCausalLM\"], " + BASE
                + ", \"rope_scaling\": {\"type\": \"linear\"}}", "field 'rope_scaling.factor' is missing");
        assertError("[1, 2]", "test/config.json: expected a JSON object, got array");
        assertError("", "test/config.json: expected a JSON object, got no content");
    }

    private static LlamaConfig parse(String json) {
        return LlamaConfigReader.parse(JsonObject.parse(json.getBytes(StandardCharsets.UTF_8), "test/config.json"));
    }

    private static void assertError(String json, String fragment) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> parse(json));
        assertTrue(e.getMessage().contains(fragment), () -> "expected \"" + fragment + "\" in: " + e.getMessage());
    }
}
