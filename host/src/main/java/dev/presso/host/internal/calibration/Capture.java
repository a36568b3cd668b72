package dev.presso.host.internal.calibration;

import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import org.jspecify.annotations.Nullable;

/**
 * Records the inputs of some linear layers while the caller runs the model: installs a
 * {@link RecordingOperator} on each site and puts the original operators back on close.
 *
 * <p>The caller ends every forward pass with {@link #endPass()}. Not thread-safe.
 */
final class Capture implements AutoCloseable {
    private final List<LinearSite> sites;
    private final List<RecordingOperator> recorders = new ArrayList<>();
    private final List<InputAccumulator> accumulators = new ArrayList<>();
    private final BatchInputs batch;

    /**
     * Starts recording.
     *
     * @param sites the layers to record, each at most once
     * @param tensors the front end the model runs on
     * @param settings what to collect
     */
    Capture(List<LinearSite> sites, Tensors tensors, CalibrationSettings settings) {
        this.sites = List.copyOf(sites);
        this.batch = new BatchInputs(tensors);
        try {
            for (LinearSite site : this.sites) {
                LinearOperator original = site.operator();
                InputAccumulator accumulator = new InputAccumulator(tensors, site.name(),
                        Math.toIntExact(original.inFeatures()), settings);
                RecordingOperator recorder = new RecordingOperator(original, accumulator, batch);
                site.replace(recorder);
                accumulators.add(accumulator);
                recorders.add(recorder);
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Marks the end of a forward pass, so its inputs are no longer shared with the next one's. */
    void endPass() {
        batch.clear();
    }

    /**
     * Returns the sites whose input appeared first among the recorded ones, in the first pass: the
     * group of layers that share an input and run before the others (never-run sites come last).
     *
     * @return the first group, in the order the sites were given
     */
    List<LinearSite> firstInputGroup() {
        int first = accumulators.stream().mapToInt(InputAccumulator::ordinal).filter(o -> o >= 0).min().orElse(-1);
        List<LinearSite> group = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            if (accumulators.get(i).ordinal() == first) {
                group.add(sites.get(i));
            }
        }
        return group;
    }

    /**
     * Restores the operators and returns what was recorded; consecutive sites that saw exactly the
     * same inputs share one statistics object.
     *
     * @return the statistics by site, in the order the sites were given
     */
    SequencedMap<LinearSite, InputStatistics> finish() {
        close();
        SequencedMap<LinearSite, InputStatistics> statistics = new LinkedHashMap<>();
        @Nullable InputStatistics previous = null;
        for (int i = 0; i < sites.size(); i++) {
            InputStatistics current = accumulators.get(i).finish();
            if (previous != null && previous.sameAs(current)) {
                current = previous;
            }
            statistics.put(sites.get(i), current);
            previous = current;
        }
        return statistics;
    }

    /** Puts back every operator this capture replaced and that nobody replaced since; idempotent. */
    @Override
    public void close() {
        batch.clear();
        for (int i = 0; i < recorders.size(); i++) {
            RecordingOperator recorder = recorders.get(i);
            if (sites.get(i).operator() == recorder) {
                sites.get(i).replace(recorder.delegate());
            }
        }
    }
}
