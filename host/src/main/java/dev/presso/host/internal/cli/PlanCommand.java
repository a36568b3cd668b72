package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.pipeline.plan.PlanFormatter;
import dev.presso.host.internal.pipeline.validation.ValidationReport;
import dev.presso.host.internal.progress.ProgressDisplay;
import dev.presso.host.internal.progress.ProgressMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso plan FILE}: checks a pipeline and prints, for every compress and search stage,
 * which method and level each linear site gets and which rule decided it, without running.
 */
@Command(name = "plan", mixinStandardHelpOptions = true,
        description = {"Check a pipeline and print the resolved per-layer plan (method, level, and the rule that"
                + " won) without running anything. Exit code 2 when the pipeline has problems."})
final class PlanCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private PluginsRuntimeOptions runtime;

    @Parameters(index = "0", paramLabel = "FILE", description = "The pipeline file (YAML).")
    private Path file;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ValidationReport report;
        try (PluginManager plugins = runtime.open()) {
            report = PipelineSetup.check(file, plugins.catalog(), ProgressDisplay.create(ProgressMode.AUTO, System.err),
                    spec.commandLine().getErr());
        }
        if (!report.isValid()) {
            return FriendlyErrors.USER_ERROR;
        }
        out.print(PlanFormatter.format(report.plan().orElseThrow()));
        out.flush();
        return 0;
    }
}
