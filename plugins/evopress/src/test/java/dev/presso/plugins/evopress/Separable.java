package dev.presso.plugins.evopress;

import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.search.SearchUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * A synthetic search problem with known per-unit errors: unit {@code u} at level {@code l} costs
 * {@code size[u] * bits[l]} and adds {@code sensitivity[u] * (2^l - 1)} to the fitness. Optional
 * noise, a deterministic function of the allocation and the token count, shrinks as the token
 * budget grows, like a KL estimate on a minibatch.
 */
final class Separable implements FitnessOracle {
    static final long[] BITS = {8, 6, 5, 4, 3, 2};

    final List<SearchUnit> units = new ArrayList<>();
    final List<Double> sensitivity = new ArrayList<>();
    private final double noise;
    int calls;

    Separable(int[] sizes, double[] sensitivity, double noise) {
        for (int u = 0; u < sizes.length; u++) {
            List<Long> costs = new ArrayList<>();
            for (long b : BITS) {
                costs.add(b * sizes[u]);
            }
            units.add(new SearchUnit("layer-" + u, costs));
            this.sensitivity.add(sensitivity[u]);
        }
        this.noise = noise;
    }

    long uniformBudget(int level) {
        return units.stream().mapToLong(u -> u.levelCostsBits().get(level)).sum();
    }

    double exact(Allocation allocation) {
        double total = 0;
        for (int u = 0; u < units.size(); u++) {
            total += sensitivity.get(u) * (Math.pow(2, allocation.levels().get(u)) - 1);
        }
        return total;
    }

    long cost(Allocation allocation) {
        long total = 0;
        for (int u = 0; u < units.size(); u++) {
            total += units.get(u).levelCostsBits().get(allocation.levels().get(u));
        }
        return total;
    }

    @Override
    public double fitness(Allocation allocation, long tokens) {
        calls++;
        double exact = exact(allocation);
        long h = allocation.levels().hashCode() * 0x9E3779B97F4A7C15L + tokens;
        double u = ((h ^ (h >>> 29)) * 0xBF58476D1CE4E5B9L >>> 11) * 0x1.0p-53;
        return exact * (1 + noise * (2 * u - 1) / Math.sqrt(tokens / 512.0));
    }
}
