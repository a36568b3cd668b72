package dev.presso.host.internal.run;

import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.model.llama.LlamaParameters;
import dev.presso.host.internal.model.llama.LlamaWeights;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The {@code presso} export format: reading it back into a model whose sites hold the compressed operators. */
public final class CompressedModel {
    /** The manifest's file name. */
    public static final String MANIFEST = "presso-manifest.json";
    /** The file of the compressed sites' payload tensors. */
    static final String PAYLOADS = "compressed.safetensors";
    /** The manifest format this version writes and reads. */
    static final String FORMAT = "presso-compressed/1";

    private CompressedModel() {}

    /**
     * The manifest.
     *
     * @param format {@value #FORMAT}
     * @param layers each compressed site by name
     */
    public record Manifest(String format, Map<String, Layer> layers) {}

    /**
     * One compressed site.
     *
     * @param method the method id
     * @param plugin the plugin that provided it
     * @param pluginVersion the plugin's version
     * @param params the method's settings
     * @param level the level name
     * @param levelValue the level value
     * @param attributes the payload's attributes
     * @param storageBits the site's exact storage cost
     */
    public record Layer(String method, String plugin, String pluginVersion, Map<String, String> params, String level,
            double levelValue, Map<String, String> attributes, long storageBits) {}

    /**
     * Tells whether a folder holds a {@code presso} export.
     *
     * @param directory the folder
     * @return whether its manifest exists
     */
    public static boolean isCompressed(Path directory) {
        return Files.exists(directory.resolve(MANIFEST));
    }

    /**
     * Loads an export: the uncompressed tensors, then each compressed site restored by the method
     * that made it (found in the catalog); each site's reference weight is its operator's dense
     * weight.
     *
     * @param directory the export folder
     * @param catalog where the methods come from
     * @param context the tensors and seed methods restore with
     * @return the model, compressed sites in place
     * @throws ModelFormatException if a file is missing or malformed, or a method is not installed
     */
    public static LlamaModel load(Path directory, Catalog catalog, PluginContext context) {
        Tensors tensors = context.tensors();
        Manifest manifest = CanonicalJson.read(directory.resolve(MANIFEST), Manifest.class);
        if (!FORMAT.equals(manifest.format())) {
            throw new ModelFormatException(directory.resolve(MANIFEST) + ": format '" + manifest.format()
                    + "' is not one this Presso reads; expected " + FORMAT);
        }
        LlamaConfig config = LlamaConfigReader.read(directory.resolve(LlamaConfigReader.FILE_NAME));
        Map<String, Tensor> stored = TensorFiles.read(directory.resolve("model.safetensors"), tensors).tensors();
        Map<String, Tensor> payloads = TensorFiles.read(directory.resolve(PAYLOADS), tensors).tensors();
        Providers providers = new Providers(catalog);
        Map<String, LinearOperator> operators = new TreeMap<>();
        Map<String, Tensor> weights = new LinkedHashMap<>();
        for (LlamaParameters.Spec spec : LlamaParameters.of(config)) {
            String site = spec.name().endsWith(".weight") ? spec.name().substring(0, spec.name().length() - 7) : "";
            Layer layer = manifest.layers().get(site);
            if (layer != null) {
                LinearOperator operator = restore(site, layer, spec, payloads, providers, context);
                operators.put(site, operator);
                weights.put(spec.name(), operator.denseWeight());
            } else if (stored.containsKey(spec.name())) {
                weights.put(spec.name(), stored.get(spec.name()));
            } else {
                throw new ModelFormatException(directory.resolve("model.safetensors") + ": tensor '" + spec.name()
                        + "' is missing and the manifest does not list site '" + site + "' as compressed");
            }
        }
        LlamaParameters.optional(config).stream().filter(spec -> stored.containsKey(spec.name()))
                .forEach(spec -> weights.put(spec.name(), stored.get(spec.name())));
        LlamaModel model = new LlamaModel(config, new LlamaWeights(weights), tensors);
        for (LinearSite site : model.linearSites()) {
            LinearOperator operator = operators.get(site.name());
            if (operator != null) {
                site.replace(operator);
            }
        }
        return model;
    }

    private static LinearOperator restore(String site, Layer layer, LlamaParameters.Spec spec,
            Map<String, Tensor> payloads, Providers providers, PluginContext context) {
        Provided<CompressionMethodProvider> provided = providers.method(layer.method());
        CompressionMethod method = provided.provider().create(layer.params());
        Map<String, Tensor> tensors = new TreeMap<>();
        payloads.forEach((name, tensor) -> {
            if (name.startsWith(site + "/")) {
                tensors.put(name.substring(site.length() + 1), tensor);
            }
        });
        return PluginFailureException.attribute(provided.plugin(), "method " + layer.method() + " restoring " + site,
                () -> method.restore(spec.shape().dim(0), spec.shape().dim(1),
                        new OperatorPayload(tensors, layer.attributes()), context));
    }
}
