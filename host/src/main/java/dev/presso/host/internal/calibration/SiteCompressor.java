package dev.presso.host.internal.calibration;

import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import java.util.Optional;

/**
 * What sequential calibration does with a linear layer once its inputs are captured: replace its
 * operator by a compressed one, or keep it.
 */
@FunctionalInterface
public interface SiteCompressor {
    /** The compressor that keeps every layer; sequential calibration then equals dense. */
    SiteCompressor KEEP = (site, calibration) -> Optional.empty();

    /**
     * Compresses one layer.
     *
     * @param site the layer, still applying the operator it had before calibration
     * @param calibration the statistics of its inputs
     * @return the operator that replaces the site's, or empty to keep it; tensors it creates belong
     *     to the scope the calibration's caller has open
     */
    Optional<LinearOperator> compress(LinearSite site, Calibration calibration);
}
