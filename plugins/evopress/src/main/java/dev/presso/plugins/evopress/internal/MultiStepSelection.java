package dev.presso.plugins.evopress.internal;

import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Multi-step selection: every stage scores the remaining candidates on its token budget and keeps
 * the best; the parent joins before the last stage (elitism). Ties keep the earlier candidate, so
 * a deterministic oracle gives a deterministic choice.
 */
final class MultiStepSelection {
    private final List<Stage> stages;

    MultiStepSelection(List<Stage> stages) {
        this.stages = List.copyOf(stages);
    }

    /** The survivor of a selection and its fitness on the last stage's tokens. */
    record Winner(int[] levels, double fitness) {}

    /**
     * Selects one candidate.
     *
     * @param candidates the children, distinct
     * @param parent the parent, added before the last stage when absent; {@code null} for none
     * @param oracle scores candidates
     * @param round the selection round (0 for the start, then the generation), which with the
     *     stage names the oracle's token draw, so every candidate of a stage sees the same tokens
     *     and a resumed search repeats the draws
     * @param cancellation polled before every fitness call
     * @return the winner
     */
    Winner select(List<int[]> candidates, int @Nullable [] parent, FitnessOracle oracle, long round,
            CancellationToken cancellation) {
        List<int[]> remaining = new ArrayList<>(candidates);
        double[] fitness = new double[0];
        for (int s = 0; s < stages.size(); s++) {
            Stage stage = stages.get(s);
            if (s == stages.size() - 1 && parent != null
                    && remaining.stream().noneMatch(c -> Arrays.equals(c, parent))) {
                remaining.add(parent);
            }
            fitness = new double[remaining.size()];
            for (int i = 0; i < remaining.size(); i++) {
                cancellation.throwIfCancelled();
                fitness[i] = oracle.fitness(allocation(remaining.get(i)), stage.tokens(),
                        round * stages.size() + s);
            }
            double[] scores = fitness;
            List<Integer> order = IntStream.range(0, remaining.size()).boxed()
                    .sorted(Comparator.comparingDouble(i -> scores[i])).limit(stage.survivors()).toList();
            List<int[]> kept = order.stream().map(remaining::get).toList();
            fitness = order.stream().mapToDouble(i -> scores[i]).toArray();
            remaining = new ArrayList<>(kept);
        }
        return new Winner(remaining.getFirst(), fitness[0]);
    }

    static Allocation allocation(int[] levels) {
        return new Allocation(Arrays.stream(levels).boxed().toList());
    }
}
