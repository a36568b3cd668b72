package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.ModelRef;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.kernel.PressoException;
import io.vavr.control.Validation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/** Lists sites from a model folder's {@code config.json}, or from a supplier for the default model. */
final class ConfigModelSites implements ModelSites {
    private static final String EXPECTED = "model: takes a Hugging Face model folder (config.json,"
            + " model.safetensors, tokenizer.json) relative to the pipeline file, or default";

    private final Supplier<List<String>> defaultModel;

    ConfigModelSites(Supplier<List<String>> defaultModel) {
        this.defaultModel = defaultModel;
    }

    @Override
    public Validation<Diagnostic, List<String>> list(ModelRef model) {
        if (model.isDefault()) {
            return Validation.valid(defaultModel.get());
        }
        Path folder = model.folder().orElseThrow();
        if (!Files.isDirectory(folder)) {
            return problem(model, "model folder '" + model.written() + "' " + (Files.exists(folder)
                    ? "is not a folder" : "does not exist") + " (resolved to " + folder + ")");
        }
        Path config = folder.resolve(LlamaConfigReader.FILE_NAME);
        if (!Files.isRegularFile(config)) {
            return problem(model, "model folder '" + model.written() + "' has no " + LlamaConfigReader.FILE_NAME);
        }
        try {
            return Validation.valid(LlamaSiteNames.of(LlamaConfigReader.read(config)));
        } catch (PressoException e) {
            return Validation.invalid(new Diagnostic(ProblemCode.MODEL_NOT_FOUND, model.where(),
                    "model '" + model.written() + "' cannot be read: " + e.getMessage(),
                    "Presso reads LLaMA-family models (Llama, Mistral, Qwen2)"));
        }
    }

    private static Validation<Diagnostic, List<String>> problem(ModelRef model, String message) {
        return Validation.invalid(new Diagnostic(ProblemCode.MODEL_NOT_FOUND, model.where(), message, EXPECTED));
    }
}
