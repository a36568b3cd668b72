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

    /** Returns the method's id. @return the id */
    String methodId() {
        return method.id();
    }

    /**
     * Returns the method's exact cost of a site at a level.
     *
     * @param site the site
     * @param level the level
     * @return the cost in bits
     */
    long costBits(LinearSite site, Level level) {
        LinearOperator operator = site.operator();
        return PluginFailureException.attribute(plugin, "method " + method.id() + " costing " + site.name(),
                () -> method.costBits(operator.outFeatures(), operator.inFeatures(), level));
    }

    /**
     * Compresses (or restores) a site at a level and puts the result in the model.
     *
     * @param siteName the site
     * @param level the level
     * @return what the site now holds
     */
    SiteRecord apply(String siteName, Level level) {
        return put(siteName, level, operator(siteName, level, scope.folder().resolve(siteName + ".safetensors")));
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
        return Files.exists(file) ? restore(siteName, file).operator()
                : save(file, compress(siteName, level), level, Map.of());
    }

    /**
     * Compresses a site at a level with the method, saving nothing.
     *
     * @param siteName the site, whose dense weight the method reads
     * @param level the level
     * @return the operator
     */
    LinearOperator compress(String siteName, Level level) {
        scope.cancellation().throwIfCancelled();
        LinearSite site = scope.state().site(siteName);
        return PluginFailureException.attribute(plugin, "method " + method.id() + " on " + site.name(),
                () -> method.compress(site, level, scope.state().calibration(site.name()), scope.pluginContext()));
    }

    /**
     * Saves an operator's payload atomically, with the level's name and extra metadata.
     *
     * @param file the target
     * @param operator the operator
     * @param level its level
     * @param extra more metadata strings, such as a level's cost and error
     * @return the operator
     */
    LinearOperator save(Path file, LinearOperator operator, Level level, Map<String, String> extra) {
        OperatorPayload payload = operator.payload();
        Map<String, String> metadata = new TreeMap<>(extra);
        payload.attributes().forEach((key, value) -> metadata.put(ATTRIBUTE + key, value));
        metadata.put("presso.level", level.name());
        TensorFiles.write(file, payload.tensors(), metadata, scope.tensors().backend());
        return operator;
    }

    /**
     * Rebuilds a saved operator with the method.
     *
     * @param siteName the site it belongs to
     * @param file the saved payload
     * @return the operator and the file's metadata besides the payload's attributes
     */
    Restored restore(String siteName, Path file) {
        TensorFiles.Loaded loaded = TensorFiles.read(file, scope.tensors());
        Map<String, String> attributes = new TreeMap<>();
        Map<String, String> metadata = new TreeMap<>();
        loaded.metadata().forEach((key, value) -> {
            if (key.startsWith(ATTRIBUTE)) {
                attributes.put(key.substring(ATTRIBUTE.length()), value);
            } else {
                metadata.put(key, value);
            }
        });
        LinearOperator current = scope.state().site(siteName).operator();
        LinearOperator operator = PluginFailureException.attribute(plugin, "method " + method.id() + " restoring "
                + siteName, () -> method.restore(current.outFeatures(), current.inFeatures(),
                        new OperatorPayload(loaded.tensors(), attributes), scope.pluginContext()));
        return new Restored(operator, metadata);
    }

    /**
     * Puts an operator into the model as the site's compressed form at a level.
     *
     * @param siteName the site
     * @param level the level
     * @param operator the operator
     * @return what the site now holds
     */
    SiteRecord put(String siteName, Level level, LinearOperator operator) {
        SiteRecord made = new SiteRecord(siteName, method.id(), plugin, params, level, operator);
        scope.state().record(made);
        return made;
    }

    /**
     * A restored operator with its file's metadata.
     *
     * @param operator the operator
     * @param metadata the metadata strings other than the payload's attributes
     */
    record Restored(LinearOperator operator, Map<String, String> metadata) {}
}
