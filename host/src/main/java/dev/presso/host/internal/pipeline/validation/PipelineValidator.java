package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.plan.Plan;
import dev.presso.host.internal.pipeline.plan.PlanResolver;
import dev.presso.host.internal.pipeline.reader.PartialRead;
import dev.presso.host.internal.pipeline.reader.PipelineReader;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import io.vavr.collection.Seq;
import io.vavr.control.Validation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a pipeline against its environment and reports every problem at once: the file's own
 * (through {@link PipelineReader}) and the environment's: plugins missing or in a version outside
 * their constraint; unknown methods, strategies and evaluators; settings a plugin does not accept
 * or refuses; levels a method does not offer; patterns that match no site; missing data files
 * and model folders; methods needing calibration with no calibrate stage before them.
 *
 * <pre>{@code
 * ValidationReport report = PipelineValidator.check(file, PipelineEnvironment.of(catalog, defaultSites));
 * report.warnings().forEach(p -> err.println(p.format()));
 * if (!report.isValid()) { report.errors().forEach(p -> err.println(p.format())); return 2; }
 * PipelineSpec spec = report.spec().orElseThrow();
 * Plan plan = report.plan().orElseThrow();
 * }</pre>
 *
 * <p>Plugins are asked for their options and to create objects from the pipeline's settings;
 * nothing loads model weights or data. Never throws for a mistake in the file or a failing plugin.
 */
public final class PipelineValidator {
    private PipelineValidator() {}

    /**
     * Reads and checks a pipeline file; the environment is checked as far as the file could be read.
     *
     * @param file the pipeline file
     * @param environment what to check against
     * @return every problem, and the spec and plan when there is no error
     */
    public static ValidationReport check(Path file, PipelineEnvironment environment) {
        PartialRead read = PipelineReader.readPartial(file);
        List<Diagnostic> diagnostics = new ArrayList<>(read.diagnostics());
        Optional<Plan> plan = read.spec().flatMap(spec -> environment(spec, environment, diagnostics));
        return new ValidationReport(read.spec(), plan, diagnostics);
    }

    /**
     * Checks a spec that was read without problems.
     *
     * @param spec the spec
     * @param environment what to check against
     * @return every problem, and the spec and plan when there is no error
     */
    public static ValidationReport validate(PipelineSpec spec, PipelineEnvironment environment) {
        List<Diagnostic> diagnostics = new ArrayList<>();
        Optional<Plan> plan = environment(spec, environment, diagnostics);
        return new ValidationReport(Optional.of(spec), plan, diagnostics);
    }

    /** Adds the environment's problems; returns the plan when the model's sites could be listed. */
    private static Optional<Plan> environment(PipelineSpec spec, PipelineEnvironment environment,
            List<Diagnostic> diagnostics) {
        diagnostics.addAll(PluginChecks.check(spec.plugins(), environment.catalog().plugins()).asJava());
        diagnostics.addAll(DataChecks.check(spec.data()).asJava());
        Validation<Diagnostic, List<String>> sites = environment.modelSites().list(spec.model());
        if (sites.isInvalid()) {
            diagnostics.add(sites.getError());
        }
        Optional<List<String>> listed = sites.isValid() ? Optional.of(sites.get()) : Optional.empty();
        Seq<Diagnostic> stages = StageChecks.check(spec, environment, listed);
        diagnostics.addAll(stages.asJava());
        return listed.map(s -> PlanResolver.resolve(spec, s));
    }
}
