package dev.presso.host.internal.run;

import dev.presso.host.internal.pipeline.spec.Stage;
import java.util.List;
import java.util.Optional;

/** Resolves which sites a stage acts on, with the level each gets; the same rules {@code presso plan} prints. */
interface SitePlanner {
    /**
     * One site of a compress stage.
     *
     * @param site the site name
     * @param level the level as the pipeline names it, or empty when an override skips the site
     */
    record SiteAssignment(String site, Optional<String> level) {}

    /**
     * Resolves a compress stage.
     *
     * @param stage the stage
     * @param sites every linear site of the model, in model order
     * @return the targeted sites in model order
     */
    List<SiteAssignment> compress(Stage.Compress stage, List<String> sites);

    /**
     * Resolves a search stage's targets.
     *
     * @param stage the stage
     * @param sites every linear site of the model, in model order
     * @return the targeted sites in model order
     */
    List<String> search(Stage.Search stage, List<String> sites);
}
