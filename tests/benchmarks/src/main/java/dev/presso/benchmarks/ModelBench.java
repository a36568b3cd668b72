package dev.presso.benchmarks;

import dev.presso.benchmarks.model.CheckpointOpening;
import dev.presso.benchmarks.model.GreedyGeneration;
import dev.presso.benchmarks.model.NumpyForward;
import dev.presso.benchmarks.model.SyntheticCheckpoint;
import dev.presso.benchmarks.model.TeacherForcedEval;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The model bench: a real model (stories260K) on tensor-cpu next to reference implementations
 * measured on the same machine, in one table.
 *
 * <ul>
 *   <li>Opening a synthetic 2 GB safetensors checkpoint (written sparsely into a temporary
 *       directory, deleted afterwards): configuration read, file mapped and validated, every tensor
 *       checked; time and resident memory before and while open.
 *   <li>Teacher-forced evaluation of the 64 x 256 sample ids through the {@code perplexity}
 *       evaluator, next to a float32 numpy implementation of the same forward pass, log-softmax
 *       and NLL over the same ids ({@code numpy_llama_forward.py}), run in this same process
 *       tree right after. Both print the mean NLL, so the table shows they computed the same thing.
 *   <li>Greedy generation of 256 tokens from BOS with the key/value cache, on 1 and 2 threads, next
 *       to llama2.c's {@code run.c} (float32, gcc -O3, one thread). llama2.c is not built here: the
 *       figure is a stated measurement on the development machine ({@code --llama2c}).
 * </ul>
 *
 * <p>Options: {@code --model DIR} (default {@code <presso.shared.data>/stories260k}, else
 * {@code ../shared/data/stories260k}), {@code --reps N} timed runs per measurement (median, after
 * warm-up; default 7), {@code --threads N} for the evaluation (default: one per processor, like
 * numpy), {@code --no-numpy}, {@code --synthetic-gb G} (0 skips the checkpoint; default 2),
 * {@code --llama2c TOKENS_PER_SECOND} (default 8800). See the module's README.
 */
public final class ModelBench {
    private static final Set<String> OPTIONS = Set.of("--model", "--reps", "--threads", "--no-numpy",
            "--synthetic-gb", "--llama2c");
    private static final String SAMPLES = "samples-256x64.i32";
    private static final int SAMPLE_COLUMNS = 256;
    private static final int GENERATED = 256;
    private static final int BOS = 1;

    private ModelBench() {}

    /**
     * Runs the bench.
     *
     * @param args the options described in the class comment
     * @throws IOException if the samples or the synthetic checkpoint cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        List<String> options = Arrays.asList(args);
        for (String arg : args) {
            if (arg.startsWith("--") && !OPTIONS.contains(arg)) {
                System.err.println("unknown option " + arg + "; known: " + OPTIONS);
                System.exit(2);
            }
        }
        Path model = Path.of(value(options, "--model", defaultModel()));
        int reps = Integer.parseInt(value(options, "--reps", "7"));
        int processors = Runtime.getRuntime().availableProcessors();
        int threads = Integer.parseInt(value(options, "--threads", String.valueOf(processors)));
        double syntheticGb = Double.parseDouble(value(options, "--synthetic-gb", "2"));
        double llama2c = Double.parseDouble(value(options, "--llama2c", "8800"));

        System.out.printf(Locale.ROOT, "Presso model bench: %s, %d processors, Java %s%n", model, processors,
                Runtime.version());
        Table table = new Table();
        if (syntheticGb > 0) {
            openSynthetic(table, (long) (syntheticGb * 1e9));   // first, while the heap is still small
        }

        TeacherForcedEval eval = TeacherForcedEval.read(model.resolve(SAMPLES), SAMPLE_COLUMNS);
        TeacherForcedEval.Result java = withModel(model, threads,
                (m, tensors) -> eval.time(m, tensors, 2, reps));
        String rows = eval.rows().size() + "x" + SAMPLE_COLUMNS;
        String javaCell = seconds(java.seconds()) + "  " + rate(java.idsPerSecond(eval.ids())) + " ids/s";
        if (options.contains("--no-numpy")) {
            table.row("teacher-forced eval " + rows + ", " + threads + " threads", javaCell, "numpy not run", "");
        } else {
            NumpyForward numpy = NumpyForward.run(model, model.resolve(SAMPLES), eval.rows().size(), SAMPLE_COLUMNS,
                    reps);
            Optional<String> failure = numpy.failure();
            table.row("teacher-forced eval " + rows + ", " + threads + " threads", javaCell,
                    failure.map(f -> "numpy failed: " + f).orElse("numpy " + seconds(numpy.seconds()) + "  "
                            + rate(eval.ids() / numpy.seconds()) + " ids/s"),
                    failure.isPresent() ? "" : ratio(numpy.seconds() / java.seconds()));
            table.row("  mean NLL of " + java.predicted() + " predictions", nll(java.nll()),
                    failure.isPresent() ? "" : "numpy " + nll(numpy.nll()), "");
        }

        GreedyGeneration generation = new GreedyGeneration(BOS, GENERATED);
        for (int t : new int[] {1, 2}) {
            GreedyGeneration.Result result = withModel(model, t, (m, tensors) -> generation.time(m, tensors, 5, reps));
            table.row("greedy generation " + GENERATED + " from BOS, " + t + (t == 1 ? " thread" : " threads"),
                    seconds(result.seconds()) + "  " + rate(result.tokensPerSecond()) + " tok/s",
                    "llama2.c run.c " + rate(llama2c) + " tok/s (1 thread, stated, not run here)",
                    ratio(result.tokensPerSecond() / llama2c));
        }

        table.print();
        System.out.println("ratio: the reference's time divided by tensor-cpu's (above 1: tensor-cpu is faster);"
                + " every time is the median of " + reps + " runs after warm-up.");
    }

    private static void openSynthetic(Table table, long bytes) throws IOException {
        Path directory = Files.createTempDirectory("presso-synthetic-");
        try {
            Path file = SyntheticCheckpoint.write(directory, bytes);
            long size = Files.size(file);
            CheckpointOpening.Result first = CheckpointOpening.measure(directory);
            CheckpointOpening.Result again = CheckpointOpening.measure(directory);
            table.row("open " + String.format(Locale.ROOT, "%.2f GB", size / 1e9) + " synthetic checkpoint, "
                            + first.tensors() + " tensors checked",
                    seconds(first.seconds()) + " first, " + seconds(again.seconds()) + " again",
                    "RSS " + mib(first.residentBefore()) + " before, " + mib(first.residentOpen()) + " open",
                    "");
        } finally {
            SyntheticCheckpoint.delete(directory);
        }
    }

    /** Loads the model onto a fresh tensor-cpu backend with the given threads, runs the body, releases all. */
    private static <T> T withModel(Path model, int threads, ModelBody<T> body) {
        try (TensorBackend backend = TensorRuntime.openBackend(Optional.of("cpu"),
                BackendOptions.defaults().withThreads(threads))) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope()) {
                return body.run(Models.load(model, tensors), tensors);
            }
        }
    }

    @FunctionalInterface
    private interface ModelBody<T> {
        T run(CausalLM model, Tensors tensors);
    }

    private static String defaultModel() {
        String shared = System.getProperty("presso.shared.data");
        return (shared != null ? Path.of(shared) : Path.of("..", "shared", "data")).resolve("stories260k").toString();
    }

    private static String value(List<String> options, String name, String fallback) {
        int at = options.indexOf(name);
        return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : fallback;
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.3f s", s);
    }

    private static String rate(double perSecond) {
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    private static String nll(double nats) {
        return String.format(Locale.ROOT, "%.5f nats", nats);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    /** A plain-text table of four left-aligned columns. */
    private static final class Table {
        private final List<String[]> rows = new java.util.ArrayList<>(
                List.<String[]>of(new String[] {"case", "tensor-cpu", "reference", "ratio"}));

        void row(String... cells) {
            rows.add(cells);
        }

        void print() {
            int[] widths = new int[4];
            for (String[] row : rows) {
                for (int i = 0; i < 4; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            Function<String[], String> format = row -> {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < 4; i++) {
                    line.append(row[i]).append(" ".repeat(widths[i] - row[i].length() + (i < 3 ? 2 : 0)));
                }
                return line.toString().stripTrailing();
            };
            System.out.println();
            System.out.println(format.apply(rows.getFirst()));
            System.out.println("-".repeat(Arrays.stream(widths).sum() + 6));
            rows.stream().skip(1).map(format).forEach(System.out::println);
        }
    }
}
