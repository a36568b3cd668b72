package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.plan.Plan;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.kernel.pipeline.Problem;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of checking a pipeline: every problem in file order, and, when there is no error,
 * the spec to run and its plan.
 *
 * @param spec the pipeline, present exactly when there is no error (warnings allowed)
 * @param plan the per-site plan, present when the spec is and the model's sites could be listed
 * @param diagnostics every problem, errors and warnings, in file order
 */
public record ValidationReport(Optional<PipelineSpec> spec, Optional<Plan> plan, List<Diagnostic> diagnostics) {
    /**
     * Sorts the problems and withholds the spec and plan when one is an error.
     *
     * @param spec the spec
     * @param plan the plan
     * @param diagnostics the problems
     */
    public ValidationReport {
        diagnostics = diagnostics.stream().sorted(Diagnostic.FILE_ORDER).toList();
        if (diagnostics.stream().anyMatch(d -> !d.isWarning())) {
            spec = Optional.empty();
            plan = Optional.empty();
        }
    }

    /** Tells whether the pipeline can run. @return {@code true} when no problem is an error */
    public boolean isValid() {
        return spec.isPresent();
    }

    /** Returns the errors. @return the problems that stop the pipeline, in file order */
    public List<Problem> errors() {
        return diagnostics.stream().filter(d -> !d.isWarning()).map(Diagnostic::toProblem).toList();
    }

    /** Returns the warnings. @return the problems that do not stop the pipeline, in file order */
    public List<Problem> warnings() {
        return diagnostics.stream().filter(Diagnostic::isWarning).map(Diagnostic::toProblem).toList();
    }
}
