package dev.presso.benchmarks.model;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.kernel.evaluation.EvaluationData;
import dev.presso.kernel.evaluation.EvaluationRequest;
import dev.presso.kernel.evaluation.Evaluator;
import dev.presso.kernel.evaluation.Metric;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.plugins.evaluators.PerplexityEvaluatorProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Teacher-forced evaluation of a model on fixed rows of token ids, through the {@code perplexity}
 * evaluator exactly as {@code presso eval} runs it: every row from a fresh context, automatic batch
 * size, mean negative log-likelihood of ids {@code 1 .. n-1} of every row.
 *
 * @param rows the token ids
 */
public record TeacherForcedEval(List<int[]> rows) {
    /**
     * The result of one timing.
     *
     * @param nll the mean negative log-likelihood, nats per predicted token
     * @param predicted the number of predicted tokens
     * @param seconds the median seconds of one whole evaluation
     */
    public record Result(double nll, long predicted, double seconds) {
        /** Returns the ids read per second (every row is read whole). @param ids the ids @return ids/s */
        public double idsPerSecond(long ids) {
            return ids / seconds;
        }
    }

    /**
     * Reads rows of little-endian int32 ids, as {@code samples-256x64.i32}.
     *
     * @param file the raw file
     * @param columns the ids per row
     * @return the rows
     * @throws IOException if the file cannot be read
     */
    public static TeacherForcedEval read(Path file, int columns) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int count = bytes.remaining() / Integer.BYTES / columns;
        List<int[]> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            int[] row = new int[columns];
            bytes.asIntBuffer().position(r * columns).get(row);
            rows.add(row);
        }
        return new TeacherForcedEval(List.copyOf(rows));
    }

    /** Returns the number of ids read in one evaluation. @return rows times columns */
    public long ids() {
        return rows.stream().mapToLong(row -> row.length).sum();
    }

    /**
     * Times the evaluation.
     *
     * @param model the model
     * @param tensors the front end of the backend the model lives on
     * @param warmup untimed evaluations
     * @param reps timed evaluations
     * @return the metrics of the last run and the median time
     */
    public Result time(CausalLM model, Tensors tensors, int warmup, int reps) {
        Evaluator evaluator = new PerplexityEvaluatorProvider().create(Map.of());
        EvaluationRequest request = EvaluationRequest.of(model, EvaluationData.of("samples", rows));
        CountingPluginContext context = new CountingPluginContext(tensors);
        List<List<Metric>> last = new ArrayList<>(List.of(List.of()));
        double seconds = Timing.medianSeconds(warmup, reps, () -> last.set(0, evaluator.evaluate(request, context)));
        return new Result(metric(last.get(0), "nll"), (long) metric(last.get(0), "predicted-tokens"), seconds);
    }

    private static double metric(List<Metric> metrics, String name) {
        return metrics.stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow().value();
    }
}
