package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.registry.RegistryOperations;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso plugins remove ID}: uninstalls a plugin (OSGi mode) and drops its lockfile entry. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove an installed plugin (OSGi mode), and its entry in plugins.lock.json. Exit code 1 if its"
                + " class loader could not be unloaded.")
final class PluginsRemoveCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The installed plugin's id.")
    private String id;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        try (PluginManager manager = runtime.open()) {
            RegistryOperations operations = new RegistryOperations(manager, runtime.folder(), List.of(),
                    Clock.systemUTC());
            return PluginsListing.printChange(spec.commandLine().getOut(), spec.commandLine().getErr(), "Removed",
                    operations.remove(id), manager.catalog());
        }
    }
}
