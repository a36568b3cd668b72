package dev.presso.host.internal.run;

import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.Tensor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the current model into the run's {@code export/VARIANT/FORMAT} folder, next to the
 * source model's config.json and tokenizer files.
 * <ul>
 *   <li>{@code huggingface}: every weight dense, F32, in the source's tensor names, loadable by any
 *       Hugging Face compatible runtime.
 *   <li>{@code presso}: uncompressed tensors in {@code model.safetensors}, each compressed site's
 *       payload in {@code compressed.safetensors} (as {@code SITE/TENSOR}), and
 *       {@value CompressedModel#MANIFEST} naming each site's method, plugin, version, settings,
 *       level and attributes; {@link CompressedModel#load} reads it back.
 * </ul>
 */
final class ExportStep {
    private static final String[] COPIED = {"config.json", "tokenizer.json", "tokenizer_config.json",
        "generation_config.json", "special_tokens_map.json"};

    private ExportStep() {}

    static Map<String, Object> run(StageScope scope, Stage.Export stage, Path modelDirectory, Path exportRoot) {
        Path target = exportRoot.resolve(stage.format());
        copyModelFiles(modelDirectory, target);
        Map<String, Tensor> dense = new LinkedHashMap<>(scope.state().model().parameters());
        var compressed = scope.state().compressed();
        switch (stage.format()) {
            case "huggingface" -> {
                compressed.forEach((site, made) -> dense.put(site + ".weight", made.operator().denseWeight()));
                TensorFiles.write(target.resolve("model.safetensors"), dense, Map.of("format", "pt"),
                        scope.tensors().backend());
            }
            case "presso" -> {
                Map<String, Tensor> payloads = new TreeMap<>();
                Map<String, CompressedModel.Layer> layers = new TreeMap<>();
                compressed.forEach((site, made) -> {
                    dense.remove(site + ".weight");
                    OperatorPayload payload = made.operator().payload();
                    payload.tensors().forEach((name, tensor) -> payloads.put(site + "/" + name, tensor));
                    layers.put(site, new CompressedModel.Layer(made.method(), made.plugin().id(),
                            made.plugin().version(), made.params(), made.level().name(), made.level().value(),
                            payload.attributes(), made.operator().storageBits()));
                });
                TensorFiles.write(target.resolve("model.safetensors"), dense, Map.of("format", "pt"),
                        scope.tensors().backend());
                TensorFiles.write(target.resolve(CompressedModel.PAYLOADS), payloads, Map.of(),
                        scope.tensors().backend());
                AtomicFiles.writeJson(target.resolve(CompressedModel.MANIFEST), new CompressedModel.Manifest(
                        CompressedModel.FORMAT, layers));
            }
            default -> throw new PressoException(stage.where() + ": unknown export format '" + stage.format()
                    + "'; expected presso or huggingface");
        }
        return Map.of("format", stage.format(), "folder", target.toString(), "compressedSites", compressed.size());
    }

    private static void copyModelFiles(Path source, Path target) {
        try {
            Files.createDirectories(target);
            for (String name : COPIED) {
                Path file = source.resolve(name);
                if (Files.exists(file)) {
                    AtomicFiles.writeBytes(target.resolve(name), Files.readAllBytes(file));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export into " + target + ": " + e.getMessage(), e);
        }
    }
}
