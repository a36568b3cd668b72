package dev.presso.host.internal.cli;

import dev.presso.host.ProviderStatus;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.GreedyDecoder;
import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.progress.ProgressDisplay;
import dev.presso.host.internal.progress.ProgressMode;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso bench [DIR]}: how fast a model runs on each available tensor provider, side by side
 * in one run: teacher-forced evaluation in tokens per second on a batch of random ids, greedy
 * generation with the KV cache in tokens per second, and a GEMM in GFLOP/s. Each figure is the
 * median of several repetitions after a warm-up. The numpy and llama2.c comparisons of the
 * project's benchmarks live in {@code tests/benchmarks}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Measure evaluation and generation throughput of a model (default: the embedded default"
                + " model) and GEMM speed on every available tensor provider, side by side."})
final class BenchCommand implements Callable<Integer> {
    private static final int GEMM_SIZE = 512;

    @Spec private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", description = "Hugging Face model directory.")
    private @Nullable Path directory;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "64", description = "Sequences per forward pass.")
    private int batch;

    @Option(names = "--length", paramLabel = "T", defaultValue = "256", description = "Tokens per sequence.")
    private int length;

    @Option(names = "--generate", paramLabel = "N", defaultValue = "128", description = "Tokens to generate.")
    private int generated;

    @Option(names = "--reps", paramLabel = "R", defaultValue = "5", description = "Repetitions per figure.")
    private int repetitions;

    @Override
    public Integer call() {
        Path model = directory != null ? directory
                : PipelineSetup.defaultModel(ProgressDisplay.create(ProgressMode.AUTO, System.err));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-12s %18s %18s %14s%n", "provider", "eval tokens/s", "generate tokens/s", "GEMM GFLOP/s");
        for (ProviderStatus provider : TensorRuntime.providers()) {
            if (!provider.available()) {
                out.printf("%-12s unavailable: %s%n", provider.name(), provider.reason());
                continue;
            }
            try (TensorBackend backend = TensorRuntime.openBackend(Optional.of(provider.name()),
                    BackendOptions.defaults())) {
                Tensors tensors = TensorRuntime.tensors(backend);
                try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
                    LlamaModel llama = LlamaLoader.load(model, tensors);
                    out.printf("%-12s %,18.0f %,18.0f %14.1f%n", provider.name(), evaluation(llama, tensors),
                            generation(llama, tensors), gemm(tensors));
                }
            }
            out.flush();
        }
        out.printf("model %s; eval %d x %d tokens, generation of %d tokens from BOS, GEMM %d^3; median of %d%n",
                model, batch, length, generated, GEMM_SIZE, repetitions);
        return 0;
    }

    private double evaluation(LlamaModel model, Tensors tensors) {
        SplittableRandom random = new SplittableRandom(1);
        int[] ids = random.ints((long) batch * length, 0, model.vocabularySize()).toArray();
        return batch * (double) length / median(() -> {
            try (TensorScope _ = tensors.scope()) {
                model.forward(tensors.ofInts(ids, Shape.of(batch, length))).close();
            }
        });
    }

    private double generation(LlamaModel model, Tensors tensors) {
        GreedyDecoder decoder = new GreedyDecoder(model, tensors);
        return generated / median(() -> decoder.generate(new int[][] {{1}}, generated));
    }

    private double gemm(Tensors tensors) {
        var a = tensors.randn(Shape.of(GEMM_SIZE, GEMM_SIZE), 1);
        var b = tensors.randn(Shape.of(GEMM_SIZE, GEMM_SIZE), 2);
        return 2.0 * GEMM_SIZE * GEMM_SIZE * GEMM_SIZE / median(() -> a.matmul(b, false, false).close()) / 1e9;
    }

    /** Runs the work once to warm up, then {@code repetitions} times; returns the median seconds. */
    private double median(Runnable work) {
        work.run();
        double[] seconds = new double[Math.max(1, repetitions)];
        for (int i = 0; i < seconds.length; i++) {
            long start = System.nanoTime();
            work.run();
            seconds[i] = (System.nanoTime() - start) / 1e9;
        }
        Arrays.sort(seconds);
        return seconds[seconds.length / 2];
    }
}
