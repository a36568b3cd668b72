package dev.presso.host.internal.model.llama;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * An independent, scalar, double-precision Hugging Face LLaMA forward pass written from the
 * transformers source, reading the raw config.json itself, to check the tensor implementation's
 * variants: grouped-query attention, biases, tied or untied heads, explicit head_dim, sliding
 * windows and the linear, dynamic and llama3 RoPE scalings.
 */
final class NaiveLlama {
    private final Map<String, float[]> w;
    private final JsonNode c;
    private final int d;
    private final int heads;
    private final int kvHeads;
    private final int hd;
    private final int ff;
    private final int vocab;

    NaiveLlama(Map<String, float[]> weights, JsonNode config) {
        this.w = weights;
        this.c = config;
        this.d = config.get("hidden_size").intValue();
        this.heads = config.get("num_attention_heads").intValue();
        this.kvHeads = config.path("num_key_value_heads").asInt(heads);
        this.hd = config.has("head_dim") ? config.get("head_dim").intValue() : d / heads;
        this.ff = config.get("intermediate_size").intValue();
        this.vocab = config.get("vocab_size").intValue();
    }

    /** Returns logits {@code [T][V]} of one sequence. */
    double[][] logits(int[] ids) {
        int t = ids.length;
        double eps = c.path("rms_norm_eps").asDouble(1e-6);
        double[][] x = new double[t][];
        for (int i = 0; i < t; i++) {
            x[i] = row(w.get("model.embed_tokens.weight"), ids[i], d);
        }
        double[] inv = inverseFrequencies(t);
        for (int l = 0; l < c.get("num_hidden_layers").intValue(); l++) {
            String p = "model.layers." + l + ".";
            double[][] h = new double[t][];
            for (int i = 0; i < t; i++) {
                h[i] = norm(x[i], w.get(p + "input_layernorm.weight"), eps);
            }
            double[][] q = new double[t][];
            double[][] k = new double[t][];
            double[][] v = new double[t][];
            for (int i = 0; i < t; i++) {
                q[i] = rope(linear(p + "self_attn.q_proj", h[i], heads * hd, d), heads, i, inv);
                k[i] = rope(linear(p + "self_attn.k_proj", h[i], kvHeads * hd, d), kvHeads, i, inv);
                v[i] = linear(p + "self_attn.v_proj", h[i], kvHeads * hd, d);
            }
            for (int i = 0; i < t; i++) {
                double[] context = new double[heads * hd];
                for (int head = 0; head < heads; head++) {
                    int g = head / (heads / kvHeads);
                    double[] s = new double[i + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        s[j] = visible(i, j) ? dot(q[i], head * hd, k[j], g * hd, hd) / Math.sqrt(hd)
                                : Double.NEGATIVE_INFINITY;
                        max = Math.max(max, s[j]);
                    }
                    double sum = 0;
                    for (int j = 0; j <= i; j++) {
                        s[j] = Math.exp(s[j] - max);
                        sum += s[j];
                    }
                    for (int j = 0; j <= i; j++) {
                        for (int e = 0; e < hd; e++) {
                            context[head * hd + e] += s[j] / sum * v[j][g * hd + e];
                        }
                    }
                }
                double[] o = linear(p + "self_attn.o_proj", context, d, heads * hd);
                for (int e = 0; e < d; e++) {
                    x[i][e] += o[e];
                }
                double[] n = norm(x[i], w.get(p + "post_attention_layernorm.weight"), eps);
                double[] gate = linear(p + "mlp.gate_proj", n, ff, d);
                double[] up = linear(p + "mlp.up_proj", n, ff, d);
                for (int e = 0; e < ff; e++) {
                    gate[e] = gate[e] / (1 + Math.exp(-gate[e])) * up[e];
                }
                double[] down = linear(p + "mlp.down_proj", gate, d, ff);
                for (int e = 0; e < d; e++) {
                    x[i][e] += down[e];
                }
            }
        }
        float[] head = w.containsKey("lm_head.weight") && !c.path("tie_word_embeddings").asBoolean(false)
                ? w.get("lm_head.weight") : w.get("model.embed_tokens.weight");
        double[][] logits = new double[t][];
        for (int i = 0; i < t; i++) {
            logits[i] = matvec(head, norm(x[i], w.get("model.norm.weight"), eps), vocab, d);
        }
        return logits;
    }

    private boolean visible(int query, int key) {
        int window = c.path("sliding_window").asInt(0);
        boolean mistral = c.get("architectures").get(0).textValue().equals("MistralForCausalLM");
        return key <= query && !(mistral && window > 0 && query - key >= window);
    }

    /** transformers' ROPE_INIT_FUNCTIONS for default, linear, dynamic and llama3. */
    private double[] inverseFrequencies(int length) {
        double theta = c.path("rope_theta").asDouble(10000);
        JsonNode scaling = c.path("rope_scaling");
        String type = scaling.isObject() ? scaling.path("rope_type").asText(scaling.path("type").asText("default"))
                : "default";
        double factor = scaling.path("factor").asDouble(1);
        int max = c.path("max_position_embeddings").asInt(2048);
        if (type.equals("dynamic") && length > max) {
            theta *= Math.pow(factor * length / max - (factor - 1), hd / (hd - 2.0));
        }
        double[] inv = new double[hd / 2];
        for (int i = 0; i < inv.length; i++) {
            inv[i] = 1.0 / Math.pow(theta, 2.0 * i / hd);
            if (type.equals("linear")) {
                inv[i] /= factor;
            } else if (type.equals("llama3")) {
                double old = scaling.get("original_max_position_embeddings").doubleValue();
                double low = scaling.get("low_freq_factor").doubleValue();
                double high = scaling.get("high_freq_factor").doubleValue();
                double wavelength = 2 * Math.PI / inv[i];
                if (wavelength > old / low) {
                    inv[i] /= factor;
                } else if (wavelength >= old / high) {
                    double smooth = (old / wavelength - low) / (high - low);
                    inv[i] = (1 - smooth) * inv[i] / factor + smooth * inv[i];
                }
            }
        }
        return inv;
    }

    private double[] rope(double[] x, int count, int position, double[] inv) {
        double[] out = new double[x.length];
        int half = hd / 2;
        for (int h = 0; h < count; h++) {
            for (int i = 0; i < half; i++) {
                double a = x[h * hd + i];
                double b = x[h * hd + half + i];
                double angle = position * inv[i];
                out[h * hd + i] = a * Math.cos(angle) - b * Math.sin(angle);
                out[h * hd + half + i] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return out;
    }

    private double[] linear(String name, double[] x, int out, int in) {
        double[] y = matvec(w.get(name + ".weight"), x, out, in);
        float[] bias = w.get(name + ".bias");
        for (int i = 0; bias != null && i < out; i++) {
            y[i] += bias[i];
        }
        return y;
    }

    private static double[] matvec(float[] m, double[] x, int rows, int cols) {
        double[] y = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < cols; k++) {
                y[r] += m[r * cols + k] * x[k];
            }
        }
        return y;
    }

    private static double[] norm(double[] x, float[] gain, double eps) {
        double mean = 0;
        for (double v : x) {
            mean += v * v / x.length;
        }
        double r = 1 / Math.sqrt(mean + eps);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * r * gain[i];
        }
        return out;
    }

    private static double dot(double[] a, int offsetA, double[] b, int offsetB, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += a[offsetA + i] * b[offsetB + i];
        }
        return sum;
    }

    private static double[] row(float[] table, int index, int width) {
        double[] out = new double[width];
        for (int i = 0; i < width; i++) {
            out[i] = table[index * width + i];
        }
        return out;
    }
}
