package dev.presso.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.presso.host.Host;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The fitness bench: how many search fitness evaluations per second the host's search machinery
 * gives on the real stories260K, next to a plain forward of the same number of tokens in the same
 * process, in one table.
 *
 * <ul>
 *   <li>Presso: a pipeline run by the host ({@link Host#run}) calibrates, builds a level database of the 35
 *       decoder layers (RTN 3 and 4 bits, groups of 32) and searches it with {@code random} search:
 *       {@code --evaluations} allocations, each scored by KL divergence to the dense model on
 *       {@code --tokens} sample tokens (256-token sequences), every evaluation swapping the layers'
 *       operators to the allocation's levels. The search stage's time from {@code timings.json}
 *       (which includes the dense model's log-probabilities of those sequences, computed once) gives
 *       evaluations and tokens per second.
 *   <li>Reference: the dense model's forward pass (logits) over the same number of 256-token
 *       sequences, one sequence per call as the fitness runs them, {@code --evaluations} times,
 *       on a backend with the same threads.
 * </ul>
 *
 * <p>The ratio is the reference's time divided by the search's: the share of a fitness evaluation
 * that is the forward pass itself (1.0 would mean operator swaps, log-softmax and KL cost nothing).
 * Options: {@code --model DIR} (default {@code <presso.shared.data>/stories260k}, else
 * {@code ../shared/data/stories260k}), {@code --evaluations N} (default 64), {@code --tokens N}
 * (default 2048, a multiple of 256).
 */
public final class FitnessBench {
    private static final Set<String> OPTIONS = Set.of("--model", "--evaluations", "--tokens");
    private static final int SEQUENCE = 256;
    private static final ObjectMapper JSON = new ObjectMapper();

    private FitnessBench() {}

    /**
     * Runs the bench.
     *
     * @param args the options described in the class comment
     * @throws IOException if the temporary pipeline cannot be written or the run's files read
     */
    public static void main(String[] args) throws IOException {
        List<String> options = Arrays.asList(args);
        for (String arg : args) {
            if (arg.startsWith("--") && !OPTIONS.contains(arg)) {
                System.err.println("unknown option " + arg + "; known: " + OPTIONS);
                System.exit(2);
            }
        }
        Path model = Path.of(value(options, "--model", defaultModel())).toAbsolutePath();
        int evaluations = Integer.parseInt(value(options, "--evaluations", "64"));
        int tokens = Integer.parseInt(value(options, "--tokens", "2048"));
        if (tokens % SEQUENCE != 0 || tokens <= 0 || evaluations <= 0) {
            System.err.println("--tokens must be a positive multiple of " + SEQUENCE + ", --evaluations positive");
            System.exit(2);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "Presso fitness bench: %s, %d evaluations of %d tokens, %d processors, Java %s%n",
                model, evaluations, tokens, threads, Runtime.version());

        Path work = Files.createTempDirectory("presso-fitness-bench-");
        try {
            double search = searchSeconds(work, model, evaluations, tokens);
            double forward = forwardSeconds(model, evaluations, tokens, threads);
            long total = (long) evaluations * tokens;
            String[][] rows = {
                {"case", "presso search", "plain forward", "ratio"},
                {"KL fitness of random allocations (35 layers, rtn 3/4-bit database, 4.1 bits per parameter), " + tokens + " tokens each",
                    String.format(Locale.ROOT, "%.3f s  %.2f eval/s  %,.0f tok/s", search, evaluations / search,
                            total / search),
                    String.format(Locale.ROOT, "%.3f s  %.2f eval/s  %,.0f tok/s", forward, evaluations / forward,
                            total / forward),
                    String.format(Locale.ROOT, "%.2fx", forward / search)}};
            print(rows);
            System.out.println("ratio: the plain forward's time divided by the search's (1.0: fitness costs only the"
                    + " forward pass); the search time includes the dense model's log-probabilities, computed once.");
        } finally {
            try (Stream<Path> files = Files.walk(work)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** Runs the pipeline and returns the search stage's seconds. */
    private static double searchSeconds(Path work, Path model, int evaluations, int tokens) throws IOException {
        String yaml = "presso: 1\nname: fitness-bench\nseed: 7\nmodel: " + model + "\n"
                + "plugins: {baselines: \"*\"}\n"
                + "data:\n  calibration: {path: " + model.resolve("samples-256x64.json") + ", sequence-length: "
                + SEQUENCE + "}\n"
                + "stages:\n  - calibrate\n  - database: {name: bits, method: rtn, params: {group-size: 32}, levels: [3bit, 4bit],"
                + " cache: false}\n"
                + "variants:\n  - name: random\n    stages:\n      - search: {strategy: random, params: {evaluations: "
                + evaluations + ", tokens: " + tokens + "}, database: bits, budget: {bits-per-parameter: 4.1}}\n";
        Path pipeline = work.resolve("fitness-bench.yaml");
        Files.writeString(pipeline, yaml);
        try (Host host = Host.classpath()) {
            Host.RunSummary summary = host.run(pipeline, work.resolve("run"), false);
            if (!summary.succeeded()) {
                throw new IllegalStateException("the bench pipeline failed: " + summary.problems());
            }
            for (JsonNode stage : JSON.readTree(summary.folder().resolve("timings.json").toFile()).path("stages")) {
                if (stage.path("stage").asText().equals("search")) {
                    return stage.path("seconds").asDouble();
                }
            }
            throw new IllegalStateException("timings.json has no search stage");
        }
    }

    /** Times plain dense forwards over the same number of sample sequences. */
    private static double forwardSeconds(Path model, int evaluations, int tokens, int threads) throws IOException {
        List<int[]> rows = samples(model.resolve("samples-256x64.i32"), tokens / SEQUENCE);
        try (TensorBackend backend = TensorRuntime.openBackend(Optional.of("cpu"),
                BackendOptions.defaults().withThreads(threads))) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
                CausalLM dense = Models.load(model, tensors);
                forwardAll(dense, tensors, rows);   // warm-up
                long start = System.nanoTime();
                for (int e = 0; e < evaluations; e++) {
                    forwardAll(dense, tensors, rows);
                }
                return (System.nanoTime() - start) / 1e9;
            }
        }
    }

    private static void forwardAll(CausalLM model, Tensors tensors, List<int[]> rows) {
        for (int[] row : rows) {
            try (TensorScope _ = tensors.scope()) {
                model.forward(tensors.ofInts(row, Shape.of(1, row.length))).toFloatArray();
            }
        }
    }

    private static List<int[]> samples(Path file, int count) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<int[]> rows = new ArrayList<>();
        for (int r = 0; r < count; r++) {
            int[] row = new int[SEQUENCE];
            bytes.asIntBuffer().position(r * SEQUENCE).get(row);
            rows.add(row);
        }
        return rows;
    }

    private static void print(String[][] rows) {
        int[] widths = new int[4];
        for (String[] row : rows) {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                line.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", row[i])).append(i < 3 ? "  " : "");
            }
            System.out.println(line.toString().stripTrailing());
        }
    }

    private static String defaultModel() {
        String shared = System.getProperty("presso.shared.data");
        return (shared != null ? Path.of(shared) : Path.of("..", "shared", "data")).resolve("stories260k").toString();
    }

    private static String value(List<String> options, String name, String fallback) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : fallback;
    }
}
