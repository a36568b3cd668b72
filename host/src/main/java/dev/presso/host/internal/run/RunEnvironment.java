package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.embedded.EmbeddedModel;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.pipeline.validation.LlamaSiteNames;
import dev.presso.host.internal.pipeline.validation.PipelineEnvironment;

/** What a pipeline is checked against before it runs: the catalog, and for {@code model: default} the embedded model. */
public final class RunEnvironment {
    private RunEnvironment() {}

    /**
     * Returns the environment of a run: the catalog's plugins, model sites from each model's
     * {@code config.json}, the embedded default model trained on first use when a pipeline names it.
     *
     * @param catalog the plugins
     * @param progress where the default model's training shows progress, if it must be trained
     * @return the environment
     */
    public static PipelineEnvironment of(Catalog catalog, ProgressOpener progress) {
        return PipelineEnvironment.of(catalog, () -> LlamaSiteNames.of(LlamaConfigReader.read(
                EmbeddedModel.ensureDefault(progress).resolve(LlamaConfigReader.FILE_NAME))));
    }
}
