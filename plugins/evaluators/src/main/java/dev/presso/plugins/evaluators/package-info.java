/**
 * Evaluators of model quality on token data: perplexity (per document or sliding window), KL
 * divergence to a reference model (full or top-k) and per-layer reconstruction error. Each is an
 * {@link dev.presso.kernel.evaluation.EvaluatorProvider} registered with {@code ServiceLoader}.
 */
@NullMarked
package dev.presso.plugins.evaluators;

import org.jspecify.annotations.NullMarked;
