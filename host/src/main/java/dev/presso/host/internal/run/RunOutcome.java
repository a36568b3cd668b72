package dev.presso.host.internal.run;

import dev.presso.kernel.pipeline.Problem;
import java.nio.file.Path;
import java.util.List;

/**
 * How a run ended.
 *
 * @param folder the run's output folder
 * @param results the results of each branch that finished, dense (shared) first
 * @param problems the stages that failed, timed out or were cancelled; empty when all finished
 */
public record RunOutcome(Path folder, List<BranchResult> results, List<Problem> problems) {
    /** Copies the lists. */
    public RunOutcome {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** Tells whether every stage finished. @return whether there were no problems */
    public boolean succeeded() {
        return problems.isEmpty();
    }
}
