package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A pipeline file as read and checked: everything a run needs, with where each part was written.
 *
 * @param file the pipeline file
 * @param name the pipeline name
 * @param seed the seed every plugin derives its randomness from
 * @param model the model directory, resolved against the file's folder, or {@code default} for
 *     the embedded model Presso trains itself
 * @param provider the tensor provider name, or empty for the highest-priority available one
 * @param data the data sets
 * @param plugins the plugins needed, with version constraints
 * @param stages the shared stages, run first on the dense model
 * @param variants the branches run after the shared stages, possibly none
 */
public record PipelineSpec(Path file, String name, long seed, String model, Optional<String> provider, DataSpec data,
        List<PluginRequirement> plugins, List<Stage> stages, List<Variant> variants) {
    /** Copies the lists. */
    public PipelineSpec {
        plugins = List.copyOf(plugins);
        stages = List.copyOf(stages);
        variants = List.copyOf(variants);
    }
}
