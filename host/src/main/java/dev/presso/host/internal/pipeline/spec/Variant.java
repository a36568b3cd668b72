package dev.presso.host.internal.pipeline.spec;

import java.util.List;

/**
 * A named branch of a pipeline: its stages run on a fresh copy of the model as the shared stages
 * left it, so variants compare against the same dense model and calibration.
 *
 * @param name the variant name, unique in the pipeline
 * @param stages the stages, in order
 * @param where where the variant starts
 */
public record Variant(String name, List<Stage> stages, Location where) {
    /** Copies the stages. */
    public Variant {
        stages = List.copyOf(stages);
    }
}
