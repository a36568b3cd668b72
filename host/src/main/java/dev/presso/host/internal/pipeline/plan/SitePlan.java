package dev.presso.host.internal.pipeline.plan;

import dev.presso.host.internal.pipeline.spec.LevelRef;
import java.util.Optional;

/**
 * What one stage does to one linear site.
 *
 * @param site the site name, such as {@code model.layers.0.mlp.down_proj}
 * @param method the stage's method id
 * @param level the level, present exactly when the rule is {@link Rule.Kind#DEFAULT} or
 *     {@link Rule.Kind#OVERRIDE}
 * @param rule the rule that decided
 */
public record SitePlan(String site, String method, Optional<LevelRef> level, Rule rule) {}
