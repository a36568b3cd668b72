package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso plugins update ID JAR}: replaces a plugin in place with another version (OSGi mode). */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Replace an installed plugin in place with another version of it, newer or older (OSGi"
                + " mode). If the new version fails, the old one stays. Exit code 1 if the old version's class"
                + " loader could not be unloaded."})
final class PluginsUpdateCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The installed plugin's id.")
    private String id;

    @Parameters(index = "1", paramLabel = "JAR", description = "A jar of the same plugin.")
    private Path jar;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        try (PluginManager manager = runtime.open()) {
            return PluginsListing.printChange(spec.commandLine().getOut(), spec.commandLine().getErr(), "Updated",
                    manager.update(id, jar.toAbsolutePath()), manager.catalog());
        }
    }
}
