package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.validation.ValidationReport;
import dev.presso.host.internal.progress.ProgressDisplay;
import dev.presso.host.internal.progress.ProgressMode;
import dev.presso.host.internal.run.BranchResult;
import dev.presso.host.internal.run.PipelineEngine;
import dev.presso.host.internal.run.RunCancellation;
import dev.presso.host.internal.run.RunOutcome;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso run FILE}: checks a pipeline, then runs it into an output folder (default
 * {@code runs/NAME}) with progress, checkpoints and a report; {@code --resume} continues an
 * interrupted run. Ctrl-C stops at the next safe point and leaves the folder resumable.
 *
 * <p>Exit codes: 0 every stage finished; 1 a stage failed, timed out or was interrupted (the
 * problems are printed and the finished variants are reported); 2 the pipeline or an option is
 * wrong.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a compression pipeline (YAML): check it, then run its stages with progress,"
                + " checkpoints and a report (report.json, report.html) in the output folder."})
final class RunCommand implements Callable<Integer> {
    private static final long SHUTDOWN_WAIT_SECONDS = 30;

    @Spec private CommandSpec spec;

    @Mixin private PluginsRuntimeOptions runtime;

    @Mixin private RegistryOptions registries;

    @Option(names = "--install-missing",
            description = "Before running, install from the configured registries the plugins the pipeline names"
                    + " that are missing or outside their version constraint (OSGi mode).")
    private boolean installMissing;

    @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file (YAML).")
    private Path file;

    @Option(names = "--out", paramLabel = "DIR",
            description = "The run's output folder (default: runs/NAME, or runs/NAME-2, -3, ... when taken).")
    private @Nullable Path out;

    @Option(names = "--resume", description = "Continue the run in the output folder from its last checkpoints.")
    private boolean resume;

    @Option(names = "--stage-timeout", paramLabel = "DURATION",
            description = "The longest one stage may take, such as 90s, 30m or 2h (default: no limit).")
    private @Nullable String stageTimeout;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (a bar on a terminal, plain lines otherwise), bar, plain or off.")
    private ProgressMode progressMode;

    @Override
    public Integer call() {
        PrintWriter stdout = spec.commandLine().getOut();
        Optional<Duration> limit = Optional.ofNullable(stageTimeout).map(RunCommand::duration);
        ProgressDisplay progress = ProgressDisplay.create(progressMode, System.err);
        try (PluginManager plugins = runtime.open()) {
            if (installMissing) {
                registries.installFor(plugins, runtime.folder(), file, stdout, spec.commandLine().getErr());
            }
            return run(plugins.catalog(), limit, progress, stdout);
        }
    }

    private int run(Catalog catalog, Optional<Duration> limit, ProgressDisplay progress, PrintWriter stdout) {
        ValidationReport report = PipelineSetup.check(file, catalog, progress, spec.commandLine().getErr());
        if (!report.isValid()) {
            return FriendlyErrors.USER_ERROR;
        }
        PipelineSpec pipeline = report.spec().orElseThrow();
        Path model = PipelineSetup.modelDirectory(pipeline, progress);
        Path folder = out != null ? out : defaultFolder(Path.of("runs"), pipeline.name(), resume);
        RunCancellation cancellation = new RunCancellation();
        CountDownLatch finished = new CountDownLatch(1);
        Thread onCtrlC = new Thread(() -> {
            cancellation.cancel("interrupted (Ctrl-C)");
            awaitQuietly(finished);
        }, "presso-run-shutdown");
        Runtime.getRuntime().addShutdownHook(onCtrlC);
        RunOutcome outcome;
        try {
            outcome = new PipelineEngine(catalog).run(pipeline, bytes(file), model, new PipelineEngine.Options(
                    folder, resume, limit, progress, PressoVersion.version()), cancellation);
        } finally {
            finished.countDown();
            removeHook(onCtrlC);
        }
        summarize(outcome, stdout);
        return outcome.succeeded() ? 0 : 1;
    }

    private static void summarize(RunOutcome outcome, PrintWriter out) {
        var metrics = BranchResult.comparedMetrics(outcome.results());
        out.printf("%-24s %10s", "variant", "bits/param");
        metrics.forEach(m -> out.printf(" %14s", m));
        out.println();
        for (BranchResult result : outcome.results()) {
            out.printf("%-24s %10s", (result.name().equals("shared") ? "dense" : result.name()) + (result.failed() ? " (failed)" : ""),
                    result.compressedParameters() == 0 ? "dense"
                            : String.format(Locale.ROOT, "%.3f", result.bitsPerParameter()));
            metrics.forEach(m -> out.printf(" %14s", result.metrics().containsKey(m)
                    ? String.format(Locale.ROOT, "%.5f", result.metrics().get(m)) : "-"));
            out.println();
        }
        for (Problem problem : outcome.problems()) {
            out.println(problem.format());
        }
        out.println("results: " + outcome.folder().resolve("report.html"));
        out.flush();
    }

    /**
     * Returns {@code runs/NAME}; for a new run, when that already holds one, the first free
     * {@code runs/NAME-2}, {@code runs/NAME-3}, ... so that running a pipeline again never needs
     * an option. {@code --resume} without {@code --out} continues {@code runs/NAME}.
     */
    static Path defaultFolder(Path runs, String name, boolean resume) {
        Path folder = runs.resolve(name);
        for (int n = 2; !resume && Files.exists(folder.resolve("run.json")); n++) {
            folder = runs.resolve(name + "-" + n);
        }
        return folder;
    }

    static Duration duration(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (trimmed.matches("\\d+[smh]")) {
                long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
                return switch (trimmed.charAt(trimmed.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            return Duration.parse(text);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new PressoException("--stage-timeout " + text + ": expected a duration such as 90s, 30m, 2h or"
                    + " PT1H30M");
        }
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitQuietly(CountDownLatch finished) {
        try {
            finished.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down (Ctrl-C); the hook is running and waits for us.
        }
    }
}
