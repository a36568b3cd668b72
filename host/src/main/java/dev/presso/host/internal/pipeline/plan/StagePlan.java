package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.Stage;
import java.util.List;
import java.util.Optional;

/**
 * What one compress or search stage does to every linear site of the model, in the model's order.
 *
 * @param variant the variant the stage belongs to, empty for a shared stage
 * @param stage the stage: a {@link Stage.Compress}, {@link Stage.Search}, {@link Stage.Database} or
 *     {@link Stage.DatabaseSearch}
 * @param sites one entry per linear site of the model, targeted or not
 */
public record StagePlan(Optional<String> variant, Stage stage, List<SitePlan> sites) {
    /** Copies the list. */
    public StagePlan {
        sites = List.copyOf(sites);
    }

    /** Returns the sites the stage compresses. @return the entries whose rule compresses */
    public List<SitePlan> compressed() {
        return sites.stream().filter(s -> s.rule().compresses()).toList();
    }
}
