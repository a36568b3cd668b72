package dev.presso.tck.internal;

import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import java.util.ArrayList;
import java.util.List;

/**
 * The kit's fitness oracle for a {@link SearchProblem}: checks every allocation a strategy asks
 * about (one level index in range per unit, at least one token), counts calls, and runs an
 * optional hook before each call, such as cancelling the run.
 */
public final class ProblemOracle implements FitnessOracle {
    private final SearchProblem problem;
    private final Runnable beforeCall;
    private final List<String> violations = new ArrayList<>();
    private int calls;

    /**
     * Creates an oracle.
     *
     * @param problem the problem scored
     * @param beforeCall run before every call
     */
    public ProblemOracle(SearchProblem problem, Runnable beforeCall) {
        this.problem = problem;
        this.beforeCall = beforeCall;
    }

    /**
     * Creates an oracle without a hook.
     *
     * @param problem the problem scored
     */
    public ProblemOracle(SearchProblem problem) {
        this(problem, () -> {});
    }

    @Override
    public double fitness(Allocation allocation, long tokens) {
        beforeCall.run();
        calls++;
        if (tokens < 1) {
            violations.add("fitness asked for " + tokens + " tokens; expected at least 1");
        }
        Allocations.validity(problem, allocation).ifPresent(violations::add);
        return problem.fitness(allocation);
    }

    /**
     * Returns how many times the strategy called the oracle.
     *
     * @return the calls
     */
    public int calls() {
        return calls;
    }

    /**
     * Returns the contract breaches seen in calls so far.
     *
     * @return one message per breach
     */
    public List<String> violations() {
        return List.copyOf(violations);
    }
}
