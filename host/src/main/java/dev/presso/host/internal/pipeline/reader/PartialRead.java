package dev.presso.host.internal.pipeline.reader;

import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import java.util.List;
import java.util.Optional;

/**
 * What a lenient read found: the problems, and a spec of the parts that could be read, so that
 * the environment can be checked in the same pass. The spec is complete only when there are no
 * problems; never run a spec from a read with problems.
 *
 * @param spec the parts that could be read (stages whose values failed are left out); empty when
 *     the file is unreadable, not YAML, of another format version, or names no valid model
 * @param diagnostics the problems in the order found
 */
public record PartialRead(Optional<PipelineSpec> spec, List<Diagnostic> diagnostics) {
    /** Copies the list. */
    public PartialRead {
        diagnostics = List.copyOf(diagnostics);
    }
}
