package dev.presso.host.internal.run;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.Checkpoints;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Path;

/**
 * What a plugin sees of a run while one stage calls it: the run's tensors, a seed derived from
 * the pipeline seed and the stage's place (so reruns and resumes draw the same numbers), the
 * run's progress display, the stage's cancellation, the stage's checkpoint folder and its recorded
 * series (kept in the stage folder, so a resumed stage keeps its earlier points).
 *
 * @param tensors the front end of the run's backend
 * @param seed the stage's seed
 * @param progressOpener where progress goes
 * @param cancellation the stage's cancellation
 * @param checkpointFolder the stage's folder in the run
 * @param series the stage's recorded series
 */
record RunContext(Tensors tensors, long seed, ProgressOpener progressOpener, CancellationToken cancellation,
        Path checkpointFolder, SeriesLog series) implements PluginContext {
    @Override
    public void record(String name, long step, double value) {
        series.record(name, step, value);
    }

    @Override
    public ProgressSink progress(String task, long totalSteps) {
        return progressOpener.open(task, totalSteps);
    }

    @Override
    public System.Logger logger() {
        return System.getLogger("presso.plugin");
    }

    @Override
    public Checkpoints checkpoints() {
        return new FileCheckpoints(checkpointFolder);
    }

    /**
     * Derives the seed of a stage from the pipeline seed and the stage's place, with SplitMix64.
     *
     * @param pipelineSeed the seed written in the pipeline
     * @param place the variant and stage names, such as {@code rtn-4bit/compress}
     * @return the stage's seed
     */
    static long derive(long pipelineSeed, String place) {
        long z = pipelineSeed + 0x9E3779B97F4A7C15L * (place.hashCode() + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
