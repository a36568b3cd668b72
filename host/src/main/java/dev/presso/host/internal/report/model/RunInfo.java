package dev.presso.host.internal.report.model;

import java.util.List;

/**
 * What was run, and with what.
 *
 * @param pipeline the pipeline's name
 * @param file the pipeline file, as the user named it
 * @param seed the run's seed
 * @param model the model directory or name
 * @param provider the tensor provider that ran the pipeline
 * @param hostVersion the Presso version
 * @param plugins the plugins used, in the order given
 */
public record RunInfo(String pipeline, String file, long seed, String model, String provider, String hostVersion,
        List<PluginInfo> plugins) {
    /** Checks the name and copies the plugins. */
    public RunInfo {
        Checks.notBlank(pipeline, "pipeline name");
        plugins = List.copyOf(plugins);
    }
}
