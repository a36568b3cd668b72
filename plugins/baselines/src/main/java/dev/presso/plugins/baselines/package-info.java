/**
 * Baseline compression methods and search: round-to-nearest quantization ({@code rtn}), magnitude
 * pruning ({@code magnitude}), truncated-SVD low rank, plain or activation-whitened ({@code svd}),
 * each a {@link dev.presso.kernel.method.CompressionMethodProvider}, and the {@code uniform} level
 * allocation, a {@link dev.presso.kernel.search.SearchStrategyProvider}; all registered with
 * {@code ServiceLoader}.
 */
@NullMarked
package dev.presso.plugins.baselines;

import org.jspecify.annotations.NullMarked;
