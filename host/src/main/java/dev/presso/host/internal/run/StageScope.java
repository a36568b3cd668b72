package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything one stage runs with: the model state, the data, the catalog, the run's tensors and
 * progress, the stage's checkpoint folder, cancellation and seed.
 *
 * @param branch {@code shared} or the variant name
 * @param stageName the stage name
 * @param folder the stage's checkpoint folder
 * @param state the model state
 * @param data the run's data sets
 * @param providers the catalog lookups
 * @param tensors the run's tensors
 * @param progress where progress goes
 * @param cancellation the stage's cancellation
 * @param seed the stage's seed
 * @param dense the dense reference model, for KL divergence
 * @param series the series the stage's plugins record
 * @param databases the level databases built so far that this stage may use, by name
 */
record StageScope(String branch, String stageName, Path folder, ModelState state, RunData data, Providers providers,
        Tensors tensors, ProgressOpener progress, RunCancellation cancellation, long seed, DenseReference dense,
        SeriesLog series, Map<String, Path> databases) {
    /** Returns the plugin context of this stage. @return the context */
    RunContext pluginContext() {
        return new RunContext(tensors, seed, progress, cancellation, folder, series);
    }

    /** Returns where the stage is, for messages: {@code variant 'x', stage 'compress'}. @return the text */
    String place() {
        return (branch.equals(PipelineEngine.SHARED) ? "shared stages" : "variant '" + branch + "'") + ", stage '"
                + stageName + "'";
    }
}
