package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Provisions;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Problem;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso plugins info ID}: one plugin's version, hash, location and providers. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a plugin's version, kernel-api range, SHA-256, location and each provider with its"
                + " description.")
final class PluginsInfoCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The plugin id, as 'presso plugins list' shows it.")
    private String id;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginManager manager = runtime.open()) {
            Catalog catalog = manager.catalog();
            List<Problem> problems = catalog.problems().stream().filter(p -> p.source().equals(id)).toList();
            InstalledPlugin plugin = catalog.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> unknown(catalog, problems));
            out.printf("Plugin      %s%n", plugin.id());
            out.printf("Version     %s%n", plugin.version());
            out.printf("Kernel API  %s (this host provides %s)%n", plugin.kernelApiRange().isEmpty() ? "none"
                    : plugin.kernelApiRange(), KernelApi.ofRunningHost().version());
            out.printf("SHA-256     %s%n", plugin.sha256().isEmpty() ? "none (a class folder)" : plugin.sha256());
            out.printf("Location    %s%n", plugin.location());
            out.printf("Runtime     %s%n", runtime.describe());
            out.println("Provides");
            List<Provisions.Provision> provisions = Provisions.of(catalog, id);
            int width = provisions.stream().mapToInt(p -> p.name().length()).max().orElse(0);
            provisions.forEach(p -> out.printf("  %-" + width + "s  %s%n", p.name(), p.description()));
            PluginsListing.printProblems(out, problems);
        }
        return 0;
    }

    private PressoException unknown(Catalog catalog, List<Problem> problems) {
        if (!problems.isEmpty()) {
            return new PressoException("plugin " + id + " is installed but could not be loaded: "
                    + problems.getFirst().message());
        }
        List<String> ids = catalog.plugins().stream().map(InstalledPlugin::id).toList();
        return new PressoException("no plugin '" + id + "' (" + runtime.describe() + "); "
                + (ids.isEmpty() ? "there are no plugins" : "expected one of " + String.join(", ", ids)));
    }
}
