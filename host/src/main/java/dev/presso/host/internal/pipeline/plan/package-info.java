/**
 * What a pipeline will do to each linear site: for every compress and search stage, the shared
 * ones and each variant's, which method and level each site gets and which rule decided it.
 * {@link dev.presso.host.internal.pipeline.plan.PlanResolver} computes it,
 * {@link dev.presso.host.internal.pipeline.plan.PlanFormatter} prints it for {@code presso plan},
 * and the engine runs from the same records. Not API.
 */
@NullMarked
package dev.presso.host.internal.pipeline.plan;

import org.jspecify.annotations.NullMarked;
