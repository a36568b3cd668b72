package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.embedded.EmbeddedModel;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.validation.PipelineValidator;
import dev.presso.host.internal.run.RunEnvironment;
import dev.presso.host.internal.pipeline.validation.ValidationReport;
import dev.presso.host.internal.progress.ProgressDisplay;
import dev.presso.kernel.pipeline.Problem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code presso run} and {@code presso plan} share: checking a pipeline file against the
 * catalog and the model, printing its problems, and finding the model folder (training the
 * embedded default model on first use).
 */
final class PipelineSetup {
    private PipelineSetup() {}

    /**
     * Checks a pipeline file; prints every problem (errors and warnings) to {@code err}.
     *
     * @param file the pipeline file
     * @param catalog the plugins
     * @param progress where the default model's training shows progress, if it must be trained
     * @param err where problems go
     * @return the report; {@link ValidationReport#isValid()} says whether to go on
     */
    static ValidationReport check(Path file, Catalog catalog, ProgressDisplay progress, PrintWriter err) {
        ValidationReport report = PipelineValidator.check(file, RunEnvironment.of(catalog, progress));
        print(report.errors(), err);
        print(report.warnings(), err);
        if (!report.isValid()) {
            err.printf("%s: %d problem%s; nothing was run%n", file, report.errors().size(),
                    report.errors().size() == 1 ? "" : "s");
        }
        err.flush();
        return report;
    }

    /**
     * Returns the model folder a checked pipeline names.
     *
     * @param spec the pipeline
     * @param progress where training shows progress
     * @return the folder
     */
    static Path modelDirectory(PipelineSpec spec, ProgressDisplay progress) {
        return spec.model().folder().orElseGet(() -> defaultModel(progress));
    }

    /** Returns the embedded default model's folder, training it on first use (about a minute). */
    static Path defaultModel(ProgressDisplay progress) {
        return EmbeddedModel.ensureDefault(progress);
    }

    private static void print(List<Problem> problems, PrintWriter err) {
        problems.forEach(problem -> err.println(problem.format()));
    }
}
