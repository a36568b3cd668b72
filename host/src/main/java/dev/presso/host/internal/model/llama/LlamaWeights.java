package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.safetensors.Checkpoint;
import dev.presso.host.internal.model.safetensors.WeightUpload;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A LLaMA-family model's F32 parameters by checkpoint name, checked against the configuration:
 * nothing missing, nothing unexpected, every shape as the configuration implies.
 *
 * @param tensors the parameters in execution order
 */
public record LlamaWeights(Map<String, Tensor> tensors) {
    /** Copies the map, keeping its order. */
    public LlamaWeights {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /**
     * Checks a checkpoint against a configuration (names, dtypes, shapes) before reading any
     * tensor, then uploads every parameter as F32.
     *
     * @param checkpoint the open checkpoint
     * @param config the configuration
     * @param configFile the configuration's file, for messages
     * @param tensors the front end to upload to; the tensors join its current scope
     * @return the weights
     * @throws ModelFormatException naming the file and tensor of the first mismatch
     */
    public static LlamaWeights load(Checkpoint checkpoint, LlamaConfig config, Path configFile, Tensors tensors) {
        List<LlamaParameters.Spec> specs = LlamaParameters.of(config);
        checkNames(checkpoint, config, configFile, specs);
        for (LlamaParameters.Spec spec : Stream.concat(specs.stream(), LlamaParameters.optional(config).stream())
                .filter(spec -> checkpoint.contains(spec.name())).toList()) {
            WeightUpload.check(checkpoint, spec.name(), spec.shape(), configFile + ": " + spec.reason());
        }
        Map<String, Tensor> loaded = new LinkedHashMap<>();
        try {
            for (LlamaParameters.Spec spec : specs) {
                loaded.put(spec.name(), WeightUpload.loadF32(checkpoint, spec.name(), spec.shape(),
                        configFile + ": " + spec.reason(), tensors));
            }
        } catch (RuntimeException e) {
            loaded.values().forEach(Tensor::close);
            throw e;
        }
        return new LlamaWeights(loaded);
    }

    private static void checkNames(Checkpoint checkpoint, LlamaConfig config, Path configFile,
            List<LlamaParameters.Spec> specs) {
        Set<String> known = new HashSet<>();
        List<String> missing = new ArrayList<>();
        for (LlamaParameters.Spec spec : specs) {
            known.add(spec.name());
            if (!checkpoint.contains(spec.name())) {
                missing.add(spec.name());
            }
        }
        LlamaParameters.optional(config).forEach(spec -> known.add(spec.name()));
        if (!missing.isEmpty()) {
            throw new ModelFormatException(configFile.toAbsolutePath().getParent() + ": the safetensors checkpoint lacks "
                    + missing.size() + " tensor" + (missing.size() == 1 ? "" : "s") + " that "
                    + configFile.getFileName() + " implies: "
                    + abbreviate(missing) + "; expected every parameter of " + describe(config));
        }
        List<String> unexpected = checkpoint.names().stream()
                .filter(name -> !known.contains(name) && !LlamaParameters.isIgnored(name))
                .toList();
        if (!unexpected.isEmpty()) {
            String first = unexpected.getFirst();
            throw new ModelFormatException(checkpoint.fileOf(first) + ": unexpected tensor" + (unexpected.size() == 1
                    ? " '" + first + "'" : "s " + abbreviate(unexpected)) + "; " + describe(config) + " from "
                    + configFile + " has no such parameter");
        }
    }

    private static String describe(LlamaConfig c) {
        return c.architecture() + " with " + c.layers() + " layers" + (c.tieWordEmbeddings() ? ", tied embeddings" : "")
                + (c.attentionBias() ? ", attention biases" : "") + (c.mlpBias() ? ", MLP biases" : "");
    }

    private static String abbreviate(List<String> names) {
        List<String> shown = names.subList(0, Math.min(5, names.size())).stream().map(n -> "'" + n + "'").toList();
        return String.join(", ", shown) + (names.size() > shown.size() ? " and " + (names.size() - shown.size())
                + " more" : "");
    }

    /**
     * Returns a parameter.
     *
     * @param name its checkpoint name
     * @return the F32 tensor
     */
    public Tensor get(String name) {
        Tensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new ModelFormatException("no parameter '" + name + "'");
        }
        return tensor;
    }

    /**
     * Returns a parameter that may be absent, such as a bias.
     *
     * @param name its checkpoint name
     * @return the tensor, or null
     */
    public @Nullable Tensor find(String name) {
        return tensors.get(name);
    }

    /**
     * Returns these weights with one parameter substituted, for example by a leaf that requires a
     * gradient; the other tensors are shared.
     *
     * @param name an existing parameter's name
     * @param value the substitute, of the same shape
     * @return the new weights
     */
    public LlamaWeights with(String name, Tensor value) {
        Tensor current = get(name);
        if (!current.shape().equals(value.shape())) {
            throw new TensorException("LlamaWeights.with", name + " is " + current.shape()
                    + ", got " + value.shape() + "; expected the same shape");
        }
        Map<String, Tensor> copy = new LinkedHashMap<>(tensors);
        copy.put(name, value);
        return new LlamaWeights(copy);
    }
}
