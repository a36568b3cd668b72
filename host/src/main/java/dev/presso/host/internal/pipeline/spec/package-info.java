/**
 * A pipeline file as records: what {@code presso run} executes and {@code presso plan} explains.
 * Every part keeps the {@link dev.presso.host.internal.pipeline.spec.Location} it was written at,
 * so later checks can point at the line. Also the format's vocabulary of problems
 * ({@link dev.presso.host.internal.pipeline.spec.ProblemCode}) and plugin version constraints.
 * Not API.
 */
@NullMarked
package dev.presso.host.internal.pipeline.spec;

import org.jspecify.annotations.NullMarked;
