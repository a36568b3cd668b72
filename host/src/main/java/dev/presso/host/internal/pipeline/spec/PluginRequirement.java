package dev.presso.host.internal.pipeline.spec;

/**
 * A plugin the pipeline needs, in a version its constraint allows.
 *
 * @param id the plugin id
 * @param constraint the version constraint, such as {@code ^0.1}
 * @param where where the entry was written (its key)
 */
public record PluginRequirement(String id, PluginConstraint constraint, Location where) {}
