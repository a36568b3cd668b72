package dev.presso.host.internal.pipeline.spec;

/**
 * A provider named by id in a stage: a compression method or a search strategy.
 *
 * @param id the id, such as {@code rtn} or {@code uniform}
 * @param where where the id was written
 */
public record PluginRef(String id, Location where) {}
