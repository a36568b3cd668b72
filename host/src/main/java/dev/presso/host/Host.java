package dev.presso.host;

import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.catalog.Provisions;
import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.catalog.classpath.ClasspathPlugins;
import dev.presso.host.internal.catalog.osgi.OsgiPluginManager;
import dev.presso.host.internal.embedded.EmbeddedModel;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.host.internal.pipeline.validation.PipelineValidator;
import dev.presso.host.internal.pipeline.validation.ValidationReport;
import dev.presso.host.internal.run.PipelineEngine;
import dev.presso.host.internal.run.RunCancellation;
import dev.presso.host.internal.run.RunEnvironment;
import dev.presso.host.internal.run.RunOutcome;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import dev.presso.kernel.plugin.PluginDescriptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The host as a library: its plugins, and pipelines run with them. The same operations as the
 * {@code presso} CLI, for embedding Presso in another JVM program.
 *
 * <pre>{@code
 * try (Host host = Host.osgi(Path.of("plugins-state"))) {
 *     host.install(Path.of("presso-plugin-baselines-0.1.0.jar"));
 *     Host.RunSummary run = host.run(Path.of("pipeline.yaml"), Path.of("runs/one"), false);
 *     host.update("baselines", Path.of("presso-plugin-baselines-0.2.0.jar"));   // no restart
 * }
 * }</pre>
 *
 * @since 1.0
 */
public final class Host implements AutoCloseable {
    private final PluginManager plugins;

    private Host(PluginManager plugins) {
        this.plugins = plugins;
    }

    /**
     * Opens a host whose plugins are the jars on the class path (found with ServiceLoader); they
     * cannot be installed, updated or removed while it runs.
     *
     * @return the host
     */
    public static Host classpath() {
        return new Host(new ClasspathPlugins(ClasspathCatalog.ofHost()));
    }

    /**
     * Opens a host whose plugins are bundles in an embedded OSGi framework, reinstalling those
     * recorded in the state folder; a plugin that can no longer load is reported, not fatal.
     *
     * @param stateFolder where installed plugins are kept, such as {@code ~/.presso/plugins}
     * @return the host
     */
    public static Host osgi(Path stateFolder) {
        return new Host(OsgiPluginManager.start(stateFolder));
    }

    /**
     * Lists the installed plugins.
     *
     * @return one descriptor per plugin, by id
     */
    public List<PluginDescriptor> plugins() {
        return plugins.catalog().plugins().stream().map(this::describe).toList();
    }

    /**
     * Returns problems met while loading plugins (a broken bundle, a leaked class loader).
     *
     * @return the problems, possibly none
     */
    public List<Problem> problems() {
        return plugins.catalog().problems();
    }

    /**
     * Installs a plugin jar.
     *
     * @param jar the plugin bundle
     * @return the installed plugin
     * @throws PressoException if the jar is not a plugin this host can run (the message says why)
     *     or the host runs plugins from the class path
     */
    public PluginDescriptor install(Path jar) {
        return after(plugins.install(jar));
    }

    /**
     * Replaces an installed plugin with another version of it, in place; pipelines run afterwards
     * use the new version.
     *
     * @param id the plugin id
     * @param jar the other version
     * @return the plugin as now installed
     */
    public PluginDescriptor update(String id, Path jar) {
        return after(plugins.update(id, jar));
    }

    /**
     * Removes an installed plugin.
     *
     * @param id the plugin id
     */
    public void remove(String id) {
        plugins.remove(id);
    }

    /**
     * Returns the registries configured in this host's state folder ({@code registries.json},
     * written by {@link PluginRegistries#configure} or {@code presso registry add}), to search and
     * install plugins from.
     *
     * @return the registry operations of this host
     * @throws PressoException if the host runs plugins from the class path, or the configuration
     *     is not valid
     */
    public PluginRegistries registries() {
        return registries(PluginRegistries.configured(stateFolder()));
    }

    /**
     * Returns operations on given registries, to search and install plugins from.
     *
     * @param registries the registries with their trusted root keys, first the most trusted
     * @return the registry operations of this host
     * @throws PressoException if the host runs plugins from the class path
     */
    public PluginRegistries registries(List<PluginRegistries.Registry> registries) {
        return new PluginRegistries(plugins, stateFolder(), registries, this::describe);
    }

    /**
     * Checks a pipeline file against this host's plugins, the model and the data.
     *
     * @param pipeline the pipeline file
     * @return every problem found (errors and warnings), empty when it can run
     */
    public List<Problem> check(Path pipeline) {
        ValidationReport report = validate(pipeline);
        return java.util.stream.Stream.concat(report.errors().stream(), report.warnings().stream()).toList();
    }

    /**
     * Checks and runs a pipeline into an output folder.
     *
     * @param pipeline the pipeline file
     * @param output the run's folder
     * @param resume whether to continue the run already in the folder
     * @return how the run ended
     * @throws PressoException if the pipeline has errors; the message lists them
     */
    public RunSummary run(Path pipeline, Path output, boolean resume) {
        ValidationReport report = validate(pipeline);
        if (!report.isValid()) {
            throw new PressoException(pipeline + " is not a valid pipeline: "
                    + report.errors().stream().map(Problem::format).toList());
        }
        PipelineSpec spec = report.spec().orElseThrow();
        Path model = spec.model().folder().orElseGet(() -> EmbeddedModel.ensureDefault(ProgressOpener.NONE));
        RunOutcome outcome = new PipelineEngine(plugins.catalog()).run(spec, bytes(pipeline), model,
                new PipelineEngine.Options(output, resume, Optional.empty(), ProgressOpener.NONE, "library"),
                new RunCancellation());
        return new RunSummary(outcome.folder(), outcome.succeeded(), outcome.problems());
    }

    /**
     * How a run ended.
     *
     * @param folder the run's folder, with {@code report.json} and {@code report.html}
     * @param succeeded whether every stage finished
     * @param problems the stages that failed, timed out or were cancelled
     */
    public record RunSummary(Path folder, boolean succeeded, List<Problem> problems) {
        /** Copies the list. */
        public RunSummary {
            problems = List.copyOf(problems);
        }
    }

    /** Stops the plugin framework, if any. */
    @Override
    public void close() {
        plugins.close();
    }

    private Path stateFolder() {
        if (plugins instanceof OsgiPluginManager osgi) {
            return osgi.stateFolder();
        }
        throw new PressoException("plugins from registries need OSGi mode, where plugins are installed while the host"
                + " runs; open the host with Host.osgi(stateFolder)");
    }

    private ValidationReport validate(Path pipeline) {
        return PipelineValidator.check(pipeline, RunEnvironment.of(plugins.catalog(), ProgressOpener.NONE));
    }

    private PluginDescriptor after(PluginChange change) {
        return describe(change.after().orElseThrow());
    }

    private PluginDescriptor describe(InstalledPlugin plugin) {
        List<Provisions.Provision> provides = Provisions.of(plugins.catalog(), plugin.id());
        String description = provides.isEmpty() ? "" : provides.getFirst().description();
        return new PluginDescriptor(plugin.id(), plugin.version(), description,
                provides.stream().map(Provisions.Provision::name).toList());
    }

    private static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
