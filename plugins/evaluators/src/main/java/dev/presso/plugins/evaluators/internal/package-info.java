/**
 * The evaluators' machinery: settings, windows over sequences, padded batches, teacher-forced
 * passes, and the numerics of log-likelihood, KL divergence and reconstruction error.
 */
@NullMarked
package dev.presso.plugins.evaluators.internal;

import org.jspecify.annotations.NullMarked;
