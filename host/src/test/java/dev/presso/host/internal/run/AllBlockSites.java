package dev.presso.host.internal.run;

import dev.presso.host.internal.pipeline.spec.Stage;
import java.util.List;
import java.util.Optional;

/** A planner for engine tests: every site but the head, at the stage's level. */
final class AllBlockSites implements SitePlanner {
    @Override
    public List<SiteAssignment> compress(Stage.Compress stage, List<String> sites) {
        return blockSites(sites).stream().map(s -> new SiteAssignment(s, Optional.of(stage.level().text()))).toList();
    }

    @Override
    public List<String> search(Stage.Search stage, List<String> sites) {
        return blockSites(sites);
    }

    private static List<String> blockSites(List<String> sites) {
        return sites.stream().filter(s -> !s.equals("lm_head")).toList();
    }
}
