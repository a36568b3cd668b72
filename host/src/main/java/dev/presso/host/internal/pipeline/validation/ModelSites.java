package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.ModelRef;
import io.vavr.control.Validation;
import java.util.List;
import java.util.function.Supplier;

/** Lists a pipeline model's linear-site names without loading its weights. */
@FunctionalInterface
public interface ModelSites {
    /**
     * Lists the sites of a model.
     *
     * @param model the model the pipeline names
     * @return the site names in the model's order, or why they cannot be listed (located at the
     *     model's entry, code {@code MODEL_NOT_FOUND})
     */
    Validation<Diagnostic, List<String>> list(ModelRef model);

    /**
     * Returns the standard lister: a folder's sites come from its {@code config.json}; the default
     * model's from a supplier.
     *
     * @param defaultModel lists the embedded default model's sites, asked only when a pipeline
     *     names it
     * @return the lister
     */
    static ModelSites fromConfig(Supplier<List<String>> defaultModel) {
        return new ConfigModelSites(defaultModel);
    }
}
