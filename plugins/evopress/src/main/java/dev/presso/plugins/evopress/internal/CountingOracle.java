package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;

/**
 * Passes fitness calls on and counts them and their tokens, so a run can say how many evaluations
 * it spent (the number a random-search control should be given).
 */
final class CountingOracle implements FitnessOracle {
    private final FitnessOracle oracle;
    private long calls;
    private long tokens;

    CountingOracle(FitnessOracle oracle) {
        this.oracle = oracle;
    }

    @Override
    public double fitness(Allocation allocation, long tokens) {
        count(tokens);
        return oracle.fitness(allocation, tokens);
    }

    @Override
    public double fitness(Allocation allocation, long tokens, long draw) {
        count(tokens);
        return oracle.fitness(allocation, tokens, draw);
    }

    private void count(long requested) {
        calls++;
        tokens += requested;
    }

    long calls() {
        return calls;
    }

    long tokens() {
        return tokens;
    }
}
