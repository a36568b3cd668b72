package dev.presso.host.internal.cli;

import dev.presso.host.internal.registry.RegistryConfig;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso registry remove NAME}: stops using a registry. */
@Command(name = "remove", mixinStandardHelpOptions = true,
        description = "Remove a configured registry; plugins installed from it stay installed.")
final class RegistryRemoveCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "The registry's name.")
    private String name;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        Path folder = runtime.folder();
        RegistryConfig.read(folder).without(name).write(folder);
        spec.commandLine().getOut().println("Removed registry " + name);
        return 0;
    }
}
