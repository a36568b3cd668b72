package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.JsonObject;
import dev.presso.host.internal.model.ModelFormatException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Reads and validates the {@code config.json} of a LLaMA-family model, with Hugging Face's defaults
 * for optional fields. Errors name the file and the field.
 */
public final class LlamaConfigReader {
    /** The configuration file's name in a model directory. */
    public static final String FILE_NAME = "config.json";

    /** The supported architectures and their {@code model_type}s. */
    private static final Map<String, String> ARCHITECTURES = Map.of(
            "llama", "LlamaForCausalLM",
            "mistral", "MistralForCausalLM",
            "qwen2", "Qwen2ForCausalLM");

    private LlamaConfigReader() {}

    /**
     * Reads a configuration file.
     *
     * @param file the {@code config.json}
     * @return the configuration
     * @throws ModelFormatException if the file is malformed, a field is missing or invalid, or the
     *     architecture is not a supported LLaMA-family one
     */
    public static LlamaConfig read(Path file) {
        return parse(JsonObject.read(file));
    }

    /**
     * Validates a parsed configuration.
     *
     * @param json the configuration object
     * @return the configuration
     */
    public static LlamaConfig parse(JsonObject json) {
        String architecture = architecture(json);
        String activation = json.optionalString("hidden_act").orElse("silu");
        if (!activation.equals("silu") && !activation.equals("swish")) {
            throw json.invalid("hidden_act", "'" + activation + "'", "silu, the activation of LLaMA's gated MLP");
        }
        int hidden = json.requiredPositiveInt("hidden_size");
        int intermediate = json.requiredPositiveInt("intermediate_size");
        int layers = json.requiredPositiveInt("num_hidden_layers");
        int heads = json.requiredPositiveInt("num_attention_heads");
        int kvHeads = json.optionalPositiveInt("num_key_value_heads", heads);
        if (heads % kvHeads != 0) {
            throw json.invalid("num_key_value_heads", String.valueOf(kvHeads),
                    "a divisor of num_attention_heads (" + heads + ")");
        }
        if (!json.has("head_dim") && hidden % heads != 0) {
            throw json.invalid("num_attention_heads", String.valueOf(heads),
                    "a divisor of hidden_size (" + hidden + ") when head_dim is not given");
        }
        int headDim = json.optionalPositiveInt("head_dim", hidden / heads);
        if (headDim % 2 != 0) {
            throw json.invalid(json.has("head_dim") ? "head_dim" : "num_attention_heads",
                    "giving an odd head width " + headDim, "an even head width, as rotary embeddings rotate pairs");
        }
        int vocabulary = json.requiredPositiveInt("vocab_size");
        double eps = json.optionalPositiveDouble("rms_norm_eps", 1e-6);
        Optional<JsonObject> ropeParameters = json.optionalObject("rope_parameters");
        double theta = ropeParameters.isPresent() && !json.has("rope_theta")
                ? ropeParameters.get().optionalPositiveDouble("rope_theta", 10000.0)
                : json.optionalPositiveDouble("rope_theta", 10000.0);
        int maxPositions = json.optionalPositiveInt("max_position_embeddings", 2048);
        RopeScaling scaling = ropeScaling(json.optionalObject("rope_scaling").or(() -> ropeParameters));
        boolean qwen2 = architecture.equals(ARCHITECTURES.get("qwen2"));
        boolean attentionBias = qwen2 || json.optionalBoolean("attention_bias", false);
        boolean outputBias = !qwen2 && json.optionalBoolean("attention_bias", false);
        boolean mlpBias = json.optionalBoolean("mlp_bias", false);
        return new LlamaConfig(architecture, hidden, intermediate, layers, heads, kvHeads, headDim, vocabulary, eps,
                theta, scaling, maxPositions, json.optionalBoolean("tie_word_embeddings", false), attentionBias,
                outputBias, mlpBias, slidingWindow(json, architecture), bos(json), json.optionalIntList("eos_token_id"));
    }

    private static String architecture(JsonObject json) {
        List<String> architectures = json.optionalStringList("architectures");
        Optional<String> modelType = json.optionalString("model_type");
        @Nullable String architecture = !architectures.isEmpty() ? architectures.getFirst()
                : modelType.map(ARCHITECTURES::get).orElse(null);
        if (architecture == null) {
            throw json.invalid("architectures", "missing and model_type is "
                    + modelType.map(t -> "'" + t + "'").orElse("missing"), "one of " + supported());
        }
        if (!ARCHITECTURES.containsValue(architecture)) {
            throw json.invalid("architectures", "'" + architecture + "'", "one of " + supported());
        }
        return architecture;
    }

    private static String supported() {
        return String.join(", ", new TreeSet<>(ARCHITECTURES.values()));
    }

    private static RopeScaling ropeScaling(Optional<JsonObject> field) {
        if (field.isEmpty()) {
            return new RopeScaling.None();
        }
        JsonObject scaling = field.get();
        String typeField = scaling.has("rope_type") ? "rope_type" : "type";
        String type = scaling.optionalString(typeField).orElse("default");
        return switch (type) {
            case "default" -> new RopeScaling.None();
            case "linear" -> new RopeScaling.Linear(factor(scaling));
            case "dynamic" -> new RopeScaling.Dynamic(factor(scaling));
            case "llama3" -> llama3(scaling);
            default -> throw scaling.invalid(typeField, "'" + type + "'", "default, linear, dynamic or llama3"
                    + " (other RoPE scalings are not supported yet)");
        };
    }

    private static double factor(JsonObject scaling) {
        if (!scaling.has("factor")) {
            throw scaling.invalid("factor", "missing", "a positive number");
        }
        return scaling.optionalPositiveDouble("factor", 1.0);
    }

    private static RopeScaling.Llama3 llama3(JsonObject scaling) {
        double factor = factor(scaling);
        double low = scaling.optionalPositiveDouble("low_freq_factor", 1.0);
        double high = scaling.optionalPositiveDouble("high_freq_factor", 4.0);
        if (!(high > low)) {
            throw scaling.invalid("high_freq_factor", String.valueOf(high),
                    "a number above low_freq_factor (" + low + ")");
        }
        if (!scaling.has("original_max_position_embeddings")) {
            throw scaling.invalid("original_max_position_embeddings", "missing", "a positive integer");
        }
        return new RopeScaling.Llama3(factor, low, high, scaling.optionalPositiveInt("original_max_position_embeddings", 1));
    }

    private static int slidingWindow(JsonObject json, String architecture) {
        if (architecture.equals(ARCHITECTURES.get("qwen2"))) {
            if (json.optionalBoolean("use_sliding_window", false)) {
                throw json.invalid("use_sliding_window", "true", "false: Qwen2's per-layer sliding window is not"
                        + " supported yet");
            }
            return 0;
        }
        if (architecture.equals(ARCHITECTURES.get("mistral"))) {
            return json.optionalPositiveInt("sliding_window", 0);
        }
        return 0;
    }

    private static OptionalInt bos(JsonObject json) {
        List<Integer> ids = json.optionalIntList("bos_token_id");
        if (ids.size() > 1) {
            throw json.invalid("bos_token_id", ids.toString(), "one integer");
        }
        return ids.isEmpty() ? OptionalInt.empty() : OptionalInt.of(ids.getFirst());
    }
}
