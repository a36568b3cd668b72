package dev.presso.host.internal.run;

import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.search.Allocation;
import dev.presso.kernel.search.FitnessOracle;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.ReduceOp;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * Search fitness (methods.md §1.3): the KL divergence from the dense model to the model with a
 * candidate allocation, in nats per predicted token, on a budget of calibration tokens. Each call
 * draws a fresh random subset of the calibration sequences from the stage's seed (the last one
 * truncated so the total is exactly the budget), so repeated runs see the same draws; a call that
 * names its draw gets the subset of that draw, the same in a resumed search. The dense
 * model's log-probabilities are computed once per sequence and kept.
 */
final class KlFitness implements FitnessOracle {
    private final CausalLM student;
    private final CausalLM teacher;
    private final Tensors tensors;
    private final List<int[]> sequences;
    private final List<LinearSite> units;
    private final BiFunction<Integer, Integer, LinearOperator> operatorAt;
    private final Map<Integer, float[]> teacherLogProbs = new HashMap<>();
    private final SplittableRandom random;
    private final long seed;

    KlFitness(CausalLM student, CausalLM teacher, Tensors tensors, List<int[]> sequences, List<LinearSite> units,
            BiFunction<Integer, Integer, LinearOperator> operatorAt, long seed) {
        this.student = student;
        this.teacher = teacher;
        this.tensors = tensors;
        this.sequences = sequences;
        this.units = units;
        this.operatorAt = operatorAt;
        this.random = new SplittableRandom(seed);
        this.seed = seed;
    }

    @Override
    public synchronized double fitness(Allocation allocation, long tokens) {
        return measure(allocation, tokens, shuffledIndices(random));
    }

    /** Measures on the sequences of a named draw: the same draw, the same sequences, in every run. */
    @Override
    public synchronized double fitness(Allocation allocation, long tokens, long draw) {
        return measure(allocation, tokens, shuffledIndices(new SplittableRandom(seed ^ (draw * 0x9E3779B97F4A7C15L))));
    }

    private double measure(Allocation allocation, long tokens, List<Integer> order) {
        for (int u = 0; u < units.size(); u++) {
            units.get(u).replace(operatorAt.apply(u, allocation.levels().get(u)));
        }
        double total = 0;
        long positions = 0;
        long remaining = Math.max(2, tokens);
        for (int index : order) {
            if (remaining < 2) {
                break;
            }
            int[] ids = sequences.get(index);
            int length = (int) Math.min(ids.length, remaining);
            if (length < 2) {
                continue;
            }
            total += divergence(index, length);
            positions += length - 1;
            remaining -= length;
        }
        return positions == 0 ? 0 : total / positions;
    }

    /** Sums the per-position KL over the first {@code length} tokens of a sequence. */
    private double divergence(int index, int length) {
        int vocabulary = student.vocabularySize();
        float[] teacherAll = teacherLogProbs.computeIfAbsent(index, i -> logProbs(teacher, sequences.get(i)));
        try (GradMode _ = tensors.noGrad(); TensorScope _ = tensors.scope()) {
            int[] ids = Arrays.copyOf(sequences.get(index), length);
            Tensor studentLogp = logProbsTensor(student, ids).slice(0, 0, length - 1);
            Tensor teacherLogp = tensors.of(Arrays.copyOf(teacherAll, (length - 1) * vocabulary),
                    Shape.of(length - 1, vocabulary));
            Tensor perPosition = teacherLogp.map(UnaryOp.EXP).mul(teacherLogp.sub(studentLogp)).reduce(ReduceOp.SUM, false, 1);
            return perPosition.reduce(ReduceOp.SUM, false, 0).item();
        }
    }

    private float[] logProbs(CausalLM model, int[] ids) {
        try (GradMode _ = tensors.noGrad(); TensorScope _ = tensors.scope()) {
            return logProbsTensor(model, ids).toFloatArray();
        }
    }

    private Tensor logProbsTensor(CausalLM model, int[] ids) {
        Tensor logits = model.forward(tensors.ofInts(ids, Shape.of(1, ids.length)));
        return logits.reshape(ids.length, model.vocabularySize()).logSoftmax();
    }

    private List<Integer> shuffledIndices(SplittableRandom random) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < sequences.size(); i++) {
            order.add(i);
        }
        for (int i = order.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Integer swap = order.get(i);
            order.set(i, order.get(j));
            order.set(j, swap);
        }
        return order;
    }
}
