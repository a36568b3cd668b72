package dev.presso.host.internal.pipeline.spec;

import java.util.Optional;

/**
 * One entry of a compress stage's ordered {@code overrides}: for the stage's sites matching the
 * pattern, a different level, or {@code skip} to leave them dense. Later entries win.
 *
 * @param match the sites it applies to; must match at least one of the stage's sites
 * @param level the level for them, if given
 * @param skip whether to leave them uncompressed
 * @param where where the entry starts
 */
public record LevelOverride(LayerPattern match, Optional<LevelRef> level, boolean skip, Location where) {}
