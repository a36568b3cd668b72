package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.catalog.Catalog;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a pipeline is checked against.
 *
 * @param catalog the installed plugins and their providers
 * @param modelSites lists the model's linear sites
 * @param calibrationNeeds tells which methods need a calibrate stage before them
 */
public record PipelineEnvironment(Catalog catalog, ModelSites modelSites, CalibrationNeeds calibrationNeeds) {
    /**
     * Validates the components.
     *
     * @param catalog the catalog
     * @param modelSites the site lister
     * @param calibrationNeeds the calibration needs
     */
    public PipelineEnvironment {
        Objects.requireNonNull(catalog, "catalog must not be null");
        Objects.requireNonNull(modelSites, "modelSites must not be null");
        Objects.requireNonNull(calibrationNeeds, "calibrationNeeds must not be null");
    }

    /**
     * Returns the standard environment: sites from {@code config.json}, known calibration needs.
     *
     * @param catalog the catalog
     * @param defaultModelSites lists the embedded default model's sites, asked only when needed
     * @return the environment
     */
    public static PipelineEnvironment of(Catalog catalog, Supplier<List<String>> defaultModelSites) {
        return new PipelineEnvironment(catalog, ModelSites.fromConfig(defaultModelSites), CalibrationNeeds.KNOWN);
    }
}
