/**
 * Layer-wise calibration: runs a model over calibration tokens and collects, for every linear
 * layer, the statistics of its inputs that post-training methods consume (the Gram matrix
 * {@code X^T X} in double precision, the row count and an optional seeded subsample of rows).
 *
 * <p>{@link dev.presso.host.internal.calibration.Calibrator} offers the two modes of the EvoPress,
 * GPTQ and AQLM pipelines: dense (one pass of the uncompressed model) and sequential (layer by
 * layer, each layer compressed by a caller-supplied function before the next one sees its
 * outputs). Statistics are captured by temporarily replacing each site's operator with a recording
 * wrapper, so any model whose layers are {@link dev.presso.kernel.model.LinearSite}s can be
 * calibrated densely. Not API.
 */
@NullMarked
package dev.presso.host.internal.calibration;

import org.jspecify.annotations.NullMarked;
