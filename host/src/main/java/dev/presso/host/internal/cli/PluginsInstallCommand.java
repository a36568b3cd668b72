package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.registry.PluginRequest;
import dev.presso.kernel.PressoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso plugins install JAR | ID@VERSIONS... | --for PIPELINE}: adds plugin bundles, from a file or the
 * registries (OSGi mode).
 */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = {"Install a plugin bundle from a file, or plugins from the registries (OSGi mode).",
            "ID@VERSIONS installs the newest version that satisfies VERSIONS (^1.2, ~1.2, >=1.0 <2, 1.2.3, [1.0,2);"
                    + " any without @) and this host's kernel-api, plus the plugins it requires, after verifying"
                    + " every index and bundle signature; all of them or nothing is installed, and plugins.lock.json"
                    + " in the plugin folder records them.",
            "Nothing changes if a jar's manifest is broken, it needs another kernel-api, it does not resolve or a"
                    + " provider fails."})
final class PluginsInstallCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(arity = "0..*", paramLabel = "JAR|ID@VERSIONS",
            description = "A plugin jar, or one or more plugin requests such as acme.kmeans@^1.2.")
    private List<String> targets = List.of();

    @Option(names = "--for", paramLabel = "PIPELINE",
            description = "Install from the registries what this pipeline's plugins: block names and this host lacks"
                    + " (not installed, or at a version its constraint does not allow).")
    private @Nullable Path pipeline;

    @Mixin private PluginsRuntimeOptions runtime;
    @Mixin private RegistryOptions registries;

    @Override
    public Integer call() {
        if (pipeline != null) {
            if (!targets.isEmpty()) {
                throw new PressoException("give either --for PIPELINE or plugins to install, not both");
            }
            try (PluginManager manager = runtime.open()) {
                return registries.installFor(manager, runtime.folder(), pipeline, spec.commandLine().getOut(),
                        spec.commandLine().getErr());
            }
        }
        if (targets.isEmpty()) {
            throw new PressoException("name a plugin jar, plugin requests such as acme.kmeans@^1.2, or --for PIPELINE");
        }
        Path jar = Path.of(targets.getFirst());
        boolean file = targets.getFirst().endsWith(".jar") || Files.isRegularFile(jar);
        if (file && targets.size() > 1) {
            throw new PressoException("install one jar at a time, or give plugin requests such as acme.kmeans@^1.2;"
                    + " got " + targets);
        }
        try (PluginManager manager = runtime.open()) {
            if (file) {
                return PluginsListing.printChange(spec.commandLine().getOut(), spec.commandLine().getErr(), "Installed",
                        manager.install(jar.toAbsolutePath()), manager.catalog());
            }
            List<PluginChange> changes = registries.operations(manager, runtime.folder())
                    .install(targets.stream().map(PluginRequest::parse).toList());
            return PluginsListing.printChanges(spec.commandLine().getOut(), spec.commandLine().getErr(), changes,
                    manager.catalog(), "Everything requested is installed already.");
        }
    }
}
