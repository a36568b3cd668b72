package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.Ladder;
import dev.presso.host.internal.pipeline.spec.LevelRef;
import dev.presso.host.internal.pipeline.spec.SearchBudget;
import dev.presso.host.internal.pipeline.spec.Settings;
import dev.presso.host.internal.pipeline.spec.Stage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints a {@link Plan} as text for {@code presso plan}: per stage a heading, an aligned table of
 * every site with its method, level and deciding rule, and a one-line summary.
 *
 * <pre>
 * variant rtn-4bit, stage compress (line 23): rtn {group-size=64} at level 4
 *   site                             method  level  rule
 *   model.layers.0.self_attn.q_proj  rtn     -      excluded by exclude #1 (line 27)
 *   model.layers.4.mlp.down_proj     rtn     8      override #1 (line 29)
 *   ...
 *   28 compressed (27 at 4, 1 at 8), 2 skipped, 7 excluded, 1 not targeted
 * </pre>
 */
public final class PlanFormatter {
    private PlanFormatter() {}

    /**
     * Formats a plan.
     *
     * @param plan the plan
     * @return the text, one block per stage separated by blank lines; a note when no stage
     *     compresses
     */
    public static String format(Plan plan) {
        if (plan.stages().isEmpty()) {
            return "no compress or search stage: the pipeline leaves every site dense\n";
        }
        return plan.stages().stream().map(PlanFormatter::stage).collect(Collectors.joining("\n"));
    }

    /**
     * Formats one stage's plan.
     *
     * @param plan the stage's plan
     * @return the heading, table and summary
     */
    public static String stage(StagePlan plan) {
        TextTable table = new TextTable().row("site", "method", "level", "rule");
        for (SitePlan site : plan.sites()) {
            table.row(site.site(), site.rule().compresses() || site.rule().kind() == Rule.Kind.DATABASE
                    ? site.method() : "-", level(site), site.rule().describe());
        }
        return heading(plan) + "\n" + table.format("  ") + "  " + summary(plan) + "\n";
    }

    private static String heading(StagePlan plan) {
        Stage stage = plan.stage();
        String scope = plan.variant().map(v -> "variant " + v).orElse("shared");
        String what = switch (stage) {
            case Stage.Compress c -> c.method().id() + settings(c.params()) + " at level " + c.level().text()
                    + (c.sequential() ? ", sequential" : "");
            case Stage.Search s -> "strategy " + s.strategy().id() + settings(s.strategyParams()) + " over "
                    + s.method().id() + settings(s.methodParams()) + " levels, budget "
                    + number(s.budget().bitsPerParameter()) + " bits per parameter";
            case Stage.Database d -> "database of " + d.method().map(m -> m.id() + settings(d.params()) + " ")
                    .orElse("") + ladder(d.ladder()) + d.reuse().map(r -> ", reusing " + r).orElse("")
                    + (d.cache() ? "" : ", not cached");
            case Stage.DatabaseSearch s -> "strategy " + s.strategy().id() + settings(s.strategyParams())
                    + " over database " + s.database().id() + ", budget " + budget(s.budget());
            default -> stage.kind();
        };
        return scope + ", stage " + stage.name() + " (line " + stage.where().line() + "): " + what;
    }

    private static String ladder(Ladder ladder) {
        return switch (ladder) {
            case Ladder.Named n -> "levels " + n.levels().stream().map(LevelRef::text)
                    .collect(Collectors.joining(", ", "[", "]"));
            case Ladder.Sparsity s -> "sparsity ladder around " + number(s.target()) + ", " + s.steps()
                    + " steps of " + s.weightsPerStep() + " weights each way";
            case Ladder.Depth d -> "depth ladder over " + (d.attention() && d.mlp() ? "attention and mlp"
                    : d.attention() ? "attention" : "mlp") + " sub-blocks";
        };
    }

    private static String budget(SearchBudget budget) {
        return switch (budget) {
            case SearchBudget.BitsPerParameter b -> number(b.bits()) + " bits per parameter";
            case SearchBudget.NominalBits n -> number(n.bits()) + " nominal bits per parameter";
            case SearchBudget.Center c -> c.sparsityTarget() ? "the target sparsity" : "the centre level";
            case SearchBudget.Drop d -> "drop " + d.dropped().entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(" and "));
        };
    }

    private static String settings(Settings settings) {
        return settings.values().isEmpty() ? "" : " " + settings.values().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ", "{", "}"));
    }

    private static String level(SitePlan site) {
        return switch (site.rule().kind()) {
            case SKIPPED -> "skip";
            case SEARCHED -> "search";
            case DATABASE -> "ladder";
            default -> site.level().map(LevelRef::text).orElse("-");
        };
    }

    private static String summary(StagePlan plan) {
        Map<Rule.Kind, Long> counts = plan.sites().stream()
                .collect(Collectors.groupingBy(s -> s.rule().kind(), LinkedHashMap::new, Collectors.counting()));
        if (plan.stage() instanceof Stage.Database) {
            return counts.getOrDefault(Rule.Kind.DATABASE, 0L) + " database units, the model left as it is";
        }
        long compressed = plan.compressed().size();
        Map<String, Long> byLevel = plan.compressed().stream().filter(s -> s.level().isPresent())
                .collect(Collectors.groupingBy(s -> s.level().orElseThrow().text(), LinkedHashMap::new,
                        Collectors.counting()));
        StringBuilder out = new StringBuilder(compressed + " compressed");
        if (byLevel.size() > 1) {
            out.append(byLevel.entrySet().stream().map(e -> e.getValue() + " at " + e.getKey())
                    .collect(Collectors.joining(", ", " (", ")")));
        }
        for (Rule.Kind kind : List.of(Rule.Kind.SKIPPED, Rule.Kind.EXCLUDED, Rule.Kind.NOT_TARGETED)) {
            long n = counts.getOrDefault(kind, 0L);
            if (n > 0) {
                out.append(", ").append(n).append(' ').append(kind.name().toLowerCase(Locale.ROOT).replace('_', ' '));
            }
        }
        return out.toString();
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
