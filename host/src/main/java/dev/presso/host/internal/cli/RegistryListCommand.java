package dev.presso.host.internal.cli;

import dev.presso.host.internal.registry.RegistryConfig;
import dev.presso.registry.format.VerificationKey;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code presso registry list}: the configured registries. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the configured registries in order of priority, with their trusted key ids.")
final class RegistryListCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        RegistryConfig config = RegistryConfig.read(runtime.folder());
        if (config.registries().isEmpty()) {
            out.println("No registry is configured; add one: presso registry add NAME URL --trusted-key FILE");
        }
        for (RegistryConfig.Entry entry : config.registries()) {
            out.println(entry.name() + "  " + entry.url() + "  keys " + String.join(", ", RegistryErrors.guarded(() ->
                    entry.trustedKeys().stream().map(k -> VerificationKey.fromPem(k, "registry " + entry.name())
                            .keyid()).toList())));
        }
        return 0;
    }
}
