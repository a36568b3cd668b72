package dev.presso.host.internal.pipeline.plan;

import java.util.List;
import java.util.Optional;

/**
 * The resolved per-site assignments of every compress and search stage of a pipeline: the shared
 * stages first, then each variant's, in file order.
 *
 * @param stages the stage plans
 */
public record Plan(List<StagePlan> stages) {
    /** Copies the list. */
    public Plan {
        stages = List.copyOf(stages);
    }

    /**
     * Finds one stage's plan.
     *
     * @param variant the variant, empty for the shared stages
     * @param stageName the stage's name
     * @return the plan, empty when no compress or search stage has that name there
     */
    public Optional<StagePlan> find(Optional<String> variant, String stageName) {
        return stages.stream().filter(s -> s.variant().equals(variant) && s.stage().name().equals(stageName))
                .findFirst();
    }
}
