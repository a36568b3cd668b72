/**
 * Evaluation and calibration data: token-id files (JSON lists, raw little-endian int32) and text
 * files tokenized on the fly, read into {@link dev.presso.kernel.evaluation.EvaluationData}. Not API.
 */
@NullMarked
package dev.presso.host.internal.data;

import org.jspecify.annotations.NullMarked;
