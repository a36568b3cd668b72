package dev.presso.host.internal.pipeline.spec;

import dev.presso.kernel.pipeline.Problem;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem found in a pipeline, with its code and exact location; {@link #toProblem()} turns it
 * into the kernel-api {@link Problem} that commands print.
 *
 * @param code what kind of problem
 * @param where where in the file
 * @param message what is wrong, naming the value and what was expected
 * @param hint how to fix it, empty when there is nothing to add
 */
public record Diagnostic(ProblemCode code, Location where, String message, String hint) {
    /** File order: line, then column, then code. */
    public static final Comparator<Diagnostic> FILE_ORDER =
            Comparator.comparing(Diagnostic::where).thenComparing(d -> d.code().code());

    /**
     * Validates the components.
     *
     * @param code the code
     * @param where the location
     * @param message the message
     * @param hint the hint
     */
    public Diagnostic {
        Objects.requireNonNull(code, "code must not be null");
        Objects.requireNonNull(where, "where must not be null");
        Objects.requireNonNull(message, "message must not be null");
        Objects.requireNonNull(hint, "hint must not be null");
    }

    /** Returns whether the pipeline can still run despite this problem. @return {@code true} for a warning */
    public boolean isWarning() {
        return code.severity() == ProblemCode.Severity.WARNING;
    }

    /** Converts to the kernel-api form, with {@code file:line:column} as the source. @return the problem */
    public Problem toProblem() {
        return new Problem(code.code(), message, where.toString(), hint);
    }
}
