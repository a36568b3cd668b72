package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.LayerPattern;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Targets;
import dev.presso.host.internal.pipeline.spec.Variant;
import dev.presso.host.internal.pipeline.spec.Ladder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides what each compress and search stage does to each linear site.
 *
 * <p>The rules, in order: a site no target pattern selects is not targeted; a selected site an
 * exclude matches is excluded (excludes always win, the first matching exclude is named); otherwise
 * a compress stage applies its level, changed by every override that matches the site in file
 * order, so the last matching override wins, whether it sets a level or skips; a search stage
 * leaves the level to its strategy. A database stage's units are its targeted sites (for a depth
 * ladder, the output projections of its sub-blocks); a search over a database searches them.
 *
 * <p>Patterns must be valid, as the reader guarantees. Stateless.
 */
public final class PlanResolver {
    private PlanResolver() {}

    /**
     * Resolves every compress and search stage of a pipeline.
     *
     * @param spec the pipeline
     * @param sites the model's linear-site names, in the model's order
     * @return the plan
     */
    public static Plan resolve(PipelineSpec spec, List<String> sites) {
        List<StagePlan> plans = new ArrayList<>();
        Map<String, StagePlan> shared = new HashMap<>();
        spec.stages().forEach(stage -> resolve(Optional.empty(), stage, sites, shared).ifPresent(plans::add));
        for (Variant variant : spec.variants()) {
            Map<String, StagePlan> databases = new HashMap<>(shared);
            variant.stages().forEach(stage -> resolve(Optional.of(variant.name()), stage, sites, databases)
                    .ifPresent(plans::add));
        }
        return new Plan(plans);
    }

    /** Resolves one stage, keeping database plans for the searches after them. */
    private static Optional<StagePlan> resolve(Optional<String> variant, Stage stage, List<String> sites,
            Map<String, StagePlan> databases) {
        if (stage instanceof Stage.DatabaseSearch search) {
            return Optional.ofNullable(databases.get(search.database().id())).map(database -> new StagePlan(variant,
                    stage, database.sites().stream().map(site -> site.rule().kind() == Rule.Kind.DATABASE
                            ? new SitePlan(site.site(), site.method(), Optional.empty(), Rule.SEARCHED) : site)
                            .toList()));
        }
        Optional<StagePlan> plan = resolve(variant, stage, sites);
        if (stage instanceof Stage.Database) {
            plan.ifPresent(p -> databases.put(stage.name(), p));
        }
        return plan;
    }

    /**
     * Resolves one stage.
     *
     * @param variant the stage's variant, empty for a shared stage
     * @param stage the stage
     * @param sites the model's linear-site names
     * @return the stage's plan, empty for stages that compress nothing (calibrate, evaluate, export)
     *     and for searches over a database (whose units {@link #resolve(PipelineSpec, List)} takes
     *     from the database stage)
     */
    public static Optional<StagePlan> resolve(Optional<String> variant, Stage stage, List<String> sites) {
        return switch (stage) {
            case Stage.Compress c -> Optional.of(new StagePlan(variant, stage,
                    sites.stream().map(site -> compress(c, site)).toList()));
            case Stage.Search s -> Optional.of(new StagePlan(variant, stage,
                    sites.stream().map(site -> search(s, site)).toList()));
            case Stage.Database d -> Optional.of(new StagePlan(variant, stage, database(d, sites)));
            default -> Optional.empty();
        };
    }

    /**
     * Tells whether a stage's targets keep a site: selected by a target and matched by no exclude.
     *
     * @param targets the stage's targets
     * @param site the site name
     * @return whether the stage acts on the site
     */
    public static boolean targets(Targets targets, String site) {
        return targets.includes(site) && targets.exclude().stream().noneMatch(p -> p.matches(site));
    }

    private static SitePlan compress(Stage.Compress stage, String site) {
        Optional<Rule> outside = outside(stage.targets(), site);
        if (outside.isPresent()) {
            return new SitePlan(site, stage.method().id(), Optional.empty(), outside.get());
        }
        Optional<LevelRef> level = Optional.of(stage.level());
        Rule rule = Rule.DEFAULT;
        List<LevelOverride> overrides = stage.overrides();
        for (int i = 0; i < overrides.size(); i++) {
            LevelOverride override = overrides.get(i);
            if (override.match().matches(site)) {
                level = override.skip() ? Optional.empty() : override.level();
                rule = Rule.of(override.skip() ? Rule.Kind.SKIPPED : Rule.Kind.OVERRIDE, i + 1, override.where());
            }
        }
        return new SitePlan(site, stage.method().id(), level, rule);
    }

    private static SitePlan search(Stage.Search stage, String site) {
        return new SitePlan(site, stage.method().id(), Optional.empty(),
                outside(stage.targets(), site).orElse(Rule.SEARCHED));
    }

    private static List<SitePlan> database(Stage.Database stage, List<String> sites) {
        if (stage.ladder() instanceof Ladder.Depth depth) {
            List<String> outputs = DepthUnits.of(depth, sites).stream().map(DepthUnits.Unit::output).toList();
            return sites.stream().map(site -> new SitePlan(site, "drop", Optional.empty(),
                    outputs.contains(site) ? Rule.DATABASE : Rule.NOT_TARGETED)).toList();
        }
        String method = stage.method().map(m -> m.id()).orElse("-");
        return sites.stream().map(site -> new SitePlan(site, method, Optional.empty(),
                outside(stage.targets(), site).orElse(Rule.DATABASE))).toList();
    }

    /** Returns the rule that keeps a site out of a stage, if one does. */
    private static Optional<Rule> outside(Targets targets, String site) {
        if (!targets.includes(site)) {
            return Optional.of(Rule.NOT_TARGETED);
        }
        List<LayerPattern> exclude = targets.exclude();
        for (int i = 0; i < exclude.size(); i++) {
            if (exclude.get(i).matches(site)) {
                return Optional.of(Rule.of(Rule.Kind.EXCLUDED, i + 1, exclude.get(i).where()));
            }
        }
        return Optional.empty();
    }
}
