package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso plugins update [ID [JAR]]}: replaces a plugin in place with another version (OSGi mode). */
@Command(name = "update", mixinStandardHelpOptions = true,
        description = {"Replace an installed plugin in place with another version of it (OSGi mode): the version in"
                + " JAR, newer or older; or without JAR the newest version the registries offer that this host can"
                + " run; without ID, every plugin installed from a registry. If anything fails, the old versions"
                + " stay. Exit code 1 if an old version's class loader could not be unloaded."})
final class PluginsUpdateCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "The installed plugin's id.")
    private @Nullable String id;

    @Parameters(index = "1", arity = "0..1", paramLabel = "JAR", description = "A jar of the same plugin.")
    private @Nullable Path jar;

    @Mixin private PluginsRuntimeOptions runtime;
    @Mixin private RegistryOptions registries;

    @Override
    public Integer call() {
        try (PluginManager manager = runtime.open()) {
            if (id != null && jar != null) {
                return PluginsListing.printChange(spec.commandLine().getOut(), spec.commandLine().getErr(), "Updated",
                        manager.update(id, jar.toAbsolutePath()), manager.catalog());
            }
            return PluginsListing.printChanges(spec.commandLine().getOut(), spec.commandLine().getErr(),
                    registries.operations(manager, runtime.folder()).update(id == null ? List.of() : List.of(id)),
                    manager.catalog(), "Everything is up to date.");
        }
    }
}
