/**
 * EvoPress, the {@code evopress} {@link dev.presso.kernel.search.SearchStrategyProvider}: a
 * (1+lambda) evolutionary search of per-unit compression levels under a global bit budget, with
 * budget-preserving level-switch mutations, multi-step selection on growing token budgets and a
 * checkpoint every generation; registered with {@code ServiceLoader}.
 */
@NullMarked
package dev.presso.plugins.evopress;

import org.jspecify.annotations.NullMarked;
