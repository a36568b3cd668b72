package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.InputStatistics;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * The model a run works on: its linear sites, their original dense operators (so each variant
 * starts from the dense model), the calibration statistics once a calibrate stage ran, and what
 * each compressed site now holds.
 */
final class ModelState {
    private final LlamaModel model;
    private final SequencedMap<String, LinearSite> sites = new LinkedHashMap<>();
    private final Map<String, LinearOperator> dense = new LinkedHashMap<>();
    private final SequencedMap<String, SiteRecord> compressed = new LinkedHashMap<>();
    private Map<String, InputStatistics> calibration = Map.of();

    ModelState(LlamaModel model) {
        this.model = model;
        for (LinearSite site : model.linearSites()) {
            sites.put(site.name(), site);
            dense.put(site.name(), site.operator());
        }
    }

    LlamaModel model() {
        return model;
    }

    List<String> siteNames() {
        return List.copyOf(sites.keySet());
    }

    LinearSite site(String name) {
        LinearSite site = sites.get(name);
        if (site == null) {
            throw new PressoException("the model has no linear site '" + name + "'");
        }
        return site;
    }

    /** Puts every site's dense operator back and forgets what was compressed. */
    void resetToDense() {
        dense.forEach((name, operator) -> sites.get(name).replace(operator));
        compressed.clear();
    }

    void calibrated(Map<String, InputStatistics> statistics) {
        calibration = Map.copyOf(statistics);
    }

    boolean isCalibrated() {
        return !calibration.isEmpty();
    }

    /** Returns a site's input statistics, or statistics with no rows when no calibrate stage ran. */
    Calibration calibration(String site) {
        InputStatistics statistics = calibration.get(site);
        return statistics != null ? statistics : NO_CALIBRATION;
    }

    void record(SiteRecord siteRecord) {
        site(siteRecord.site()).replace(siteRecord.operator());
        compressed.put(siteRecord.site(), siteRecord);
    }

    /** Returns the compressed sites in the order they were compressed. */
    SequencedMap<String, SiteRecord> compressed() {
        return Collections.unmodifiableSequencedMap(compressed);
    }

    private static final Calibration NO_CALIBRATION = new Calibration() {
        @Override
        public long rows() {
            return 0;
        }

        @Override
        public Optional<Tensor> gram() {
            return Optional.empty();
        }
    };
}
