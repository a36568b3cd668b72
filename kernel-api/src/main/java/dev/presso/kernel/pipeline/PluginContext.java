package dev.presso.kernel.pipeline;

import dev.presso.kernel.tensor.Tensors;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the host gives a plugin while a pipeline stage runs: tensors on the chosen backend, the
 * run's seed, progress reporting, cancellation and a logger. Plugins never see the host's wiring.
 *
 * @since 1.0
 */
@ProviderType
public interface PluginContext {
    /**
     * Returns the tensor factory of the run's backend.
     *
     * @return the tensors, never {@code null}
     */
    Tensors tensors();

    /**
     * Returns the seed for this stage; the same pipeline and seed reproduce the same result.
     *
     * @return the seed
     */
    long seed();

    /**
     * Starts reporting progress of a task.
     *
     * @param task a short name, such as {@code "gptq"}
     * @param totalSteps the number of steps, or 0 when unknown
     * @return the sink, to be closed when the task ends
     */
    ProgressSink progress(String task, long totalSteps);

    /**
     * Returns the run's cancellation signal.
     *
     * @return the token
     */
    CancellationToken cancellation();

    /**
     * Returns a logger named after the plugin.
     *
     * @return the logger
     */
    System.Logger logger();

    /**
     * Returns where this stage keeps checkpoints for resuming.
     *
     * @return the stage's checkpoints
     */
    Checkpoints checkpoints();

    /**
     * Records one point of a named series, such as a search's best fitness per generation or a
     * training loss per step. The host keeps the points with the stage's results (a resumed stage
     * keeps those recorded before it stopped; recording a step again replaces its value) and
     * draws each series in the report. The default discards the point.
     *
     * @param series the series name, such as {@code "fitness"}
     * @param step the x coordinate, such as the generation
     * @param value the y coordinate
     * @since 1.0
     */
    default void record(String series, long step, double value) {}
}
