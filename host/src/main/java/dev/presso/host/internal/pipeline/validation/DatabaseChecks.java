package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.plan.DepthUnits;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.Ladder;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.SearchBudget;
import dev.presso.host.internal.pipeline.spec.Stage;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Checks database stages and the searches over them against each other and the model: a reused
 * database folder holds a {@code database.json}; a search names a database stage before it (in the
 * shared stages or its own variant); its budget suits the ladder; a drop budget names groups of
 * the ladder and drops no more sub-blocks than the model has.
 */
final class DatabaseChecks {
    /** The file that makes a folder a database. */
    static final String DATABASE_FILE = "database.json";

    private final Optional<List<String>> sites;

    DatabaseChecks(Optional<List<String>> sites) {
        this.sites = sites;
    }

    /** Checks a database stage's own values. */
    Seq<Diagnostic> database(Stage.Database stage) {
        Seq<Diagnostic> found = Vector.empty();
        if (stage.reuse().isPresent() && !Files.isRegularFile(stage.reuse().get().resolve(DATABASE_FILE))) {
            Path reuse = stage.reuse().get();
            found = found.append(new Diagnostic(ProblemCode.REUSE_NOT_FOUND, stage.where(), "database '" + stage.name()
                    + "' reuses " + reuse + ", which " + (Files.isDirectory(reuse) ? "holds no " + DATABASE_FILE
                            : "does not exist"), "name the stage folder of an earlier run's database stage, such"
                                    + " as runs/NAME/checkpoints/shared/02-" + stage.name()
                                    + ", relative to the pipeline file"));
        }
        if (stage.ladder() instanceof Ladder.Depth depth && sites.isPresent()
                && DepthUnits.of(depth, sites.get()).isEmpty()) {
            found = found.append(new Diagnostic(ProblemCode.INVALID_LADDER, depth.where(), "the model has no"
                    + " attention or MLP sub-block with an output projection (o_proj, down_proj) to drop",
                    "depth ladders need a LLaMA-family model"));
        }
        return found;
    }

    /** Checks a search over a database. */
    Seq<Diagnostic> search(Stage.DatabaseSearch stage, Map<String, Stage.Database> databases, String scope) {
        Stage.Database database = databases.get(stage.database().id());
        if (database == null) {
            return Vector.of(new Diagnostic(ProblemCode.UNKNOWN_DATABASE, stage.database().where(), "search '"
                    + stage.name() + "' of " + scope + " names database '" + stage.database().id() + "', which no"
                    + " database stage before it builds", databases.isEmpty() ? "add a database stage before it,"
                            + " such as '- database: {name: " + stage.database().id() + ", ...}'"
                            : "databases before it: " + String.join(", ", new TreeSet<>(databases.keySet()))));
        }
        Ladder ladder = database.ladder();
        String mismatch = switch (stage.budget()) {
            case SearchBudget.BitsPerParameter b -> ladder instanceof Ladder.Depth
                    ? "a bits-per-parameter budget, but depth database '" + database.name() + "' keeps or drops"
                            + " whole sub-blocks" : "";
            case SearchBudget.NominalBits n -> ladder instanceof Ladder.Named ? ""
                    : "a nominal-bits-per-parameter budget, but database '" + database.name() + "' has a "
                            + ladder.key() + " ladder, whose level values are not bit widths";
            case SearchBudget.Center c when c.sparsityTarget() -> ladder instanceof Ladder.Sparsity ? ""
                    : "sparsity: target, but database '" + database.name() + "' has a " + ladder.key() + " ladder";
            case SearchBudget.Center c -> ladder instanceof Ladder.Depth
                    ? "level: center, but depth database '" + database.name() + "' has no centre level" : "";
            case SearchBudget.Drop d -> ladder instanceof Ladder.Depth depth ? dropMismatch(d, depth)
                    : "a drop budget, but database '" + database.name() + "' has a " + ladder.key() + " ladder";
        };
        if (mismatch.isEmpty()) {
            return Vector.empty();
        }
        return Vector.of(new Diagnostic(ProblemCode.BUDGET_LADDER_MISMATCH, stage.budget().where(), "search '"
                + stage.name() + "' has " + mismatch, ladder instanceof Ladder.Depth
                        ? "a depth database takes budget: {drop: {attention: K, mlp: K}}"
                        : "a " + ladder.key() + " database takes budget: {bits-per-parameter: X} or {level: center}"
                                + (ladder instanceof Ladder.Sparsity ? " or {sparsity: target}"
                                        : " or {nominal-bits-per-parameter: X}")));
    }

    private String dropMismatch(SearchBudget.Drop drop, Ladder.Depth depth) {
        for (String group : List.of(Ladder.Depth.ATTENTION, Ladder.Depth.MLP)) {
            boolean built = group.equals(Ladder.Depth.ATTENTION) ? depth.attention() : depth.mlp();
            if (built && !drop.dropped().containsKey(group)) {
                return "a drop budget without a count for " + group + " sub-blocks, which the database has; name"
                        + " every group, such as " + group + ": 0";
            }
        }
        for (Map.Entry<String, Integer> entry : drop.dropped().entrySet()) {
            boolean built = entry.getKey().equals(Ladder.Depth.ATTENTION) ? depth.attention() : depth.mlp();
            if (!built) {
                return "a drop budget for " + entry.getKey() + " sub-blocks, which the database's depth ladder"
                        + " leaves out";
            }
            if (sites.isPresent()) {
                long count = DepthUnits.of(depth, sites.get()).stream()
                        .filter(unit -> unit.group().equals(entry.getKey())).count();
                if (entry.getValue() > count) {
                    return "a drop budget of " + entry.getValue() + " " + entry.getKey() + " sub-blocks, but the model"
                            + " has " + count;
                }
            }
        }
        return "";
    }
}
