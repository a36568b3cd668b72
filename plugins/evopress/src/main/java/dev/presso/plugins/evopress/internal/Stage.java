package dev.presso.plugins.evopress.internal;

/**
 * One stage of multi-step selection: every remaining candidate is scored on {@code tokens}
 * selection tokens and the best {@code survivors} go on.
 *
 * @param survivors how many candidates the stage keeps, at least 1
 * @param tokens the token budget of each fitness call, at least 1
 */
public record Stage(int survivors, long tokens) {}
