package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.LayerPattern;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.spec.Stage;
import dev.presso.host.internal.pipeline.spec.Targets;
import dev.presso.host.internal.pipeline.spec.Variant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what each compress and search stage does to each linear site.
 *
 * <p>The rules, in order: a site no target pattern selects is not targeted; a selected site an
 * exclude matches is excluded (excludes always win, the first matching exclude is named); otherwise
 * a compress stage applies its level, changed by every override that matches the site in file
 * order, so the last matching override wins, whether it sets a level or skips; a search stage
 * leaves the level to its strategy.
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
        spec.stages().forEach(stage -> resolve(Optional.empty(), stage, sites).ifPresent(plans::add));
        for (Variant variant : spec.variants()) {
            variant.stages().forEach(stage -> resolve(Optional.of(variant.name()), stage, sites)
                    .ifPresent(plans::add));
        }
        return new Plan(plans);
    }

    /**
     * Resolves one stage.
     *
     * @param variant the stage's variant, empty for a shared stage
     * @param stage the stage
     * @param sites the model's linear-site names
     * @return the stage's plan, empty for stages that compress nothing (calibrate, evaluate, export)
     */
    public static Optional<StagePlan> resolve(Optional<String> variant, Stage stage, List<String> sites) {
        return switch (stage) {
            case Stage.Compress c -> Optional.of(new StagePlan(variant, stage,
                    sites.stream().map(site -> compress(c, site)).toList()));
            case Stage.Search s -> Optional.of(new StagePlan(variant, stage,
                    sites.stream().map(site -> search(s, site)).toList()));
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
