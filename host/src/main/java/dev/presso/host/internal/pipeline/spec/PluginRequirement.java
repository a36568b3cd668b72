package dev.presso.host.internal.pipeline.spec;

/**
 * A plugin the pipeline needs, in a version the constraint allows: {@code ^0.1} (compatible with
 * 0.1), {@code ~1.2} (1.2.x), {@code >=1.0 <2}, an exact version, or an OSGi range such as
 * {@code [1.0,2)}; {@code *} accepts any version.
 *
 * @param id the plugin id
 * @param constraint the version constraint as written
 * @param where where it was written
 */
public record PluginRequirement(String id, String constraint, Location where) {}
