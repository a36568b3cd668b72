package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.plan.PlanResolver;
import dev.presso.host.internal.pipeline.reader.DidYouMean;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.LayerPattern;
import dev.presso.host.internal.pipeline.spec.LevelOverride;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Targets;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.Optional;

/**
 * Checks that every pattern of a stage has an effect: each target matches a site of the model,
 * each exclude one of the targeted sites, each override one of the sites the stage acts on.
 */
final class TargetChecks {
    private TargetChecks() {}

    /**
     * Checks a stage's targets and overrides.
     *
     * @param targets the stage's targets
     * @param overrides the stage's overrides (none for a search)
     * @param stageWhere where the stage starts, for the default targets
     * @param sites the model's sites
     * @return a problem per pattern without effect
     */
    static Seq<Diagnostic> check(Targets targets, List<LevelOverride> overrides, Location stageWhere,
            List<String> sites) {
        Seq<Diagnostic> problems = Vector.empty();
        for (LayerPattern include : targets.include()) {
            if (sites.stream().noneMatch(include::matches)) {
                problems = problems.append(nothing(include, "target", "matches no linear site of the model", sites));
            }
        }
        List<String> selected = sites.stream().filter(targets::includes).toList();
        if (targets.include().isEmpty() && selected.isEmpty()) {
            problems = problems.append(new Diagnostic(ProblemCode.PATTERN_MATCHES_NOTHING, stageWhere,
                    "the default targets (" + Targets.DEFAULT_INCLUDE + ") match no linear site of the model",
                    "write targets: for this model; " + siteHint(sites)));
        }
        for (LayerPattern exclude : targets.exclude()) {
            if (!selected.isEmpty() && selected.stream().noneMatch(exclude::matches)) {
                problems = problems.append(nothing(exclude, "exclude", "matches none of the sites the targets select",
                        selected));
            }
        }
        List<String> acted = sites.stream().filter(s -> PlanResolver.targets(targets, s)).toList();
        for (int i = 0; i < overrides.size(); i++) {
            LevelOverride override = overrides.get(i);
            if (acted.stream().noneMatch(override.match()::matches)) {
                boolean elsewhere = sites.stream().anyMatch(override.match()::matches);
                problems = problems.append(new Diagnostic(ProblemCode.OVERRIDE_MATCHES_NOTHING,
                        override.match().where(), "override #" + (i + 1) + " '" + override.match().text() + "' "
                                + (elsewhere ? "matches only sites the stage does not act on (not targeted or"
                                        + " excluded)" : "matches no linear site of the model"),
                        elsewhere ? "overrides only change sites the stage's targets keep; excludes always win"
                                : suggestion(override.match(), acted)));
            }
        }
        return problems;
    }

    private static Diagnostic nothing(LayerPattern pattern, String role, String what, List<String> candidates) {
        return new Diagnostic(ProblemCode.PATTERN_MATCHES_NOTHING, pattern.where(), role + " '" + pattern.text()
                + "' " + what, suggestion(pattern, candidates));
    }

    private static String suggestion(LayerPattern pattern, List<String> candidates) {
        return pattern.isLiteral() ? DidYouMean.closest(pattern.text(), candidates)
                .map(c -> "did you mean '" + c + "'? ").orElse("") + siteHint(candidates)
                : deeper(pattern).filter(p -> candidates.stream().anyMatch(p::matches))
                        .map(p -> "'*' stays within one dot-separated part; did you mean '" + p.text() + "'? ")
                        .orElse("") + siteHint(candidates);
    }

    /** Returns the glob with every lone {@code *} widened to {@code **}, when that changes it. */
    private static Optional<LayerPattern> deeper(LayerPattern pattern) {
        if (pattern.text().startsWith(LayerPattern.REGEX_PREFIX)) {
            return Optional.empty();
        }
        String widened = pattern.text().replaceAll("(?<!\\*)\\*(?!\\*)", "**");
        return widened.equals(pattern.text()) ? Optional.empty() : Optional.of(new LayerPattern(widened,
                pattern.where()));
    }

    private static String siteHint(List<String> sites) {
        return sites.isEmpty() ? "the model has no linear sites"
                : "sites are named like " + sites.getFirst() + (sites.size() > 1 ? " ... " + sites.getLast() : "")
                        + " (" + sites.size() + " in all; 'presso model info' lists them)";
    }
}
