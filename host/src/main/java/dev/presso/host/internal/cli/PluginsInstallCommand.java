package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso plugins install JAR}: adds a plugin bundle (OSGi mode). */
@Command(name = "install", mixinStandardHelpOptions = true,
        description = "Install a plugin bundle (OSGi mode). It is refused, and nothing changes, if its manifest is"
                + " broken, it needs another kernel-api, it does not resolve or a provider fails.")
final class PluginsInstallCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JAR", description = "The plugin jar.")
    private Path jar;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        try (PluginManager manager = runtime.open()) {
            return PluginsListing.printChange(spec.commandLine().getOut(), spec.commandLine().getErr(), "Installed",
                    manager.install(jar.toAbsolutePath()), manager.catalog());
        }
    }
}
