package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A pipeline file as read and checked: everything a run needs, with where each part was written.
 *
 * @param file the pipeline file
 * @param name the pipeline name (the file name without extension when not written)
 * @param seed the seed every plugin derives its randomness from (0 when not written)
 * @param model the model folder, or the embedded default model
 * @param provider the tensor provider name, or empty for the highest-priority available one
 * @param data the data sets
 * @param plugins the plugins needed, with version constraints
 * @param stages the shared stages, run first on the dense model
 * @param variants the branches run after the shared stages, possibly none
 */
public record PipelineSpec(Path file, String name, long seed, ModelRef model, Optional<String> provider, DataSpec data,
        List<PluginRequirement> plugins, List<Stage> stages, List<Variant> variants) {
    /** Copies the lists. */
    public PipelineSpec {
        plugins = List.copyOf(plugins);
        stages = List.copyOf(stages);
        variants = List.copyOf(variants);
    }

    /**
     * Returns the stages a variant runs, the shared ones first; with no variants, the shared ones.
     *
     * @param variant the variant, or empty for the shared stages alone
     * @return the stages in execution order
     */
    public List<Stage> stagesOf(Optional<Variant> variant) {
        return variant.map(v -> Stream.concat(stages.stream(), v.stages().stream()).toList())
                .orElse(stages);
    }
}
