package dev.presso.host.internal.pipeline.spec;

/**
 * A level as a pipeline names it: a number compared with the method's level values (bits,
 * sparsity, kept fraction) or a level name such as {@code 4bit}.
 *
 * @param text the level as written
 * @param where where it was written
 */
public record LevelRef(String text, Location where) {}
