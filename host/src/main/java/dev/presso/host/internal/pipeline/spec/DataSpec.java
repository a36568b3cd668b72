package dev.presso.host.internal.pipeline.spec;

import java.util.Optional;

/**
 * The pipeline's data sets.
 *
 * @param calibration what calibration and search fitness run on
 * @param evaluation what evaluate stages measure on
 */
public record DataSpec(Optional<DataSource> calibration, Optional<DataSource> evaluation) {}
