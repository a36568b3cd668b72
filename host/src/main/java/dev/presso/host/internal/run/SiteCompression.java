package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compresses one site with a method, or restores it from the stage's checkpoint when an earlier,
 * interrupted attempt of the run already did: each compressed site is saved (payload tensors and
 * attributes) before the stage moves on, so a resumed run repeats no finished site.
 */
final class SiteCompression {
    private static final String ATTRIBUTE = "attribute.";

    private final StageScope scope;
    private final CompressionMethod method;
    private final InstalledPlugin plugin;
    private final Map<String, String> params;

    SiteCompression(StageScope scope, CompressionMethod method, InstalledPlugin plugin, Map<String, String> params) {
        this.scope = scope;
        this.method = method;
        this.plugin = plugin;
        this.params = Map.copyOf(params);
    }

    /**
     * Compresses (or restores) a site at a level and puts the result in the model.
     *
     * @param siteName the site
     * @param level the level
     * @return what the site now holds
     */
    SiteRecord apply(String siteName, Level level) {
        SiteRecord made = new SiteRecord(siteName, method.id(), plugin, params, level,
                operator(siteName, level, scope.folder().resolve(siteName + ".safetensors")));
        scope.state().record(made);
        return made;
    }

    /**
     * Compresses (or restores) a site at a level without putting the result in the model.
     *
     * @param siteName the site, whose current operator must be its dense one
     * @param level the level
     * @param file where the compressed form is kept
     * @return the operator
     */
    LinearOperator operator(String siteName, Level level, Path file) {
        scope.cancellation().throwIfCancelled();
        LinearSite site = scope.state().site(siteName);
        return Files.exists(file) ? restore(site, file) : compress(site, level, file);
    }

    private LinearOperator compress(LinearSite site, Level level, Path file) {
        LinearOperator operator = PluginFailureException.attribute(plugin, "method " + method.id() + " on " + site.name(),
                () -> method.compress(site, level, scope.state().calibration(site.name()), scope.pluginContext()));
        OperatorPayload payload = operator.payload();
        Map<String, String> metadata = new TreeMap<>();
        payload.attributes().forEach((key, value) -> metadata.put(ATTRIBUTE + key, value));
        metadata.put("presso.level", level.name());
        TensorFiles.write(file, payload.tensors(), metadata, scope.tensors().backend());
        return operator;
    }

    private LinearOperator restore(LinearSite site, Path file) {
        TensorFiles.Loaded loaded = TensorFiles.read(file, scope.tensors());
        Map<String, String> attributes = new TreeMap<>();
        loaded.metadata().forEach((key, value) -> {
            if (key.startsWith(ATTRIBUTE)) {
                attributes.put(key.substring(ATTRIBUTE.length()), value);
            }
        });
        LinearOperator current = site.operator();
        return PluginFailureException.attribute(plugin, "method " + method.id() + " restoring " + site.name(),
                () -> method.restore(current.outFeatures(), current.inFeatures(),
                        new OperatorPayload(loaded.tensors(), attributes), scope.pluginContext()));
    }
}
