package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Provisions;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.registry.RegistryOperations;
import dev.presso.registry.format.Conformance;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.Provides;
import dev.presso.registry.format.Release;
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
                + " description; for a plugin that is not installed, what the registries say about it.")
final class PluginsInfoCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The plugin id, as 'presso plugins list' shows it.")
    private String id;

    @Mixin private PluginsRuntimeOptions runtime;
    @Mixin private RegistryOptions registries;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginManager manager = runtime.open()) {
            Catalog catalog = manager.catalog();
            List<Problem> problems = catalog.problems().stream().filter(p -> p.source().equals(id)).toList();
            java.util.Optional<InstalledPlugin> found = catalog.plugins().stream().filter(p -> p.id().equals(id))
                    .findFirst();
            if (found.isEmpty() && problems.isEmpty() && !registries.registries(runtime.folder()).isEmpty()) {
                RegistryOperations.Details details = registries.operations(manager, runtime.folder()).details(id)
                        .orElseThrow(() -> unknown(catalog, problems));
                printAvailable(out, details);
                return 0;
            }
            InstalledPlugin plugin = found.orElseThrow(() -> unknown(catalog, problems));
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

    private static void printAvailable(PrintWriter out, RegistryOperations.Details details) {
        Release release = details.listing().release();
        PluginDescriptor descriptor = release.descriptor();
        out.printf("Plugin      %s (not installed)%n", release.id());
        out.printf("Registry    %s (%s)%n", details.listing().registry(), details.url());
        out.printf("Version     %s%s; listed: %s%n", release.version(), details.listing().compatible() ? ""
                : " (this host cannot run it)", String.join(", ", details.listing().versions()));
        out.printf("Kernel API  %s (this host provides %s)%n", descriptor.kernelApi(),
                KernelApi.ofRunningHost().version());
        out.printf("SHA-256     %s (%d bytes)%n", release.sha256(), release.size());
        out.printf("About       %s%n", descriptor.description());
        if (descriptor.readme() != null) {
            out.printf("README      %s%n", descriptor.readme());
        }
        if (!descriptor.requires().isEmpty()) {
            out.printf("Requires    %s%n", descriptor.requires());
        }
        Conformance conformance = descriptor.conformance();
        out.printf("Checked     %s%n", conformance == null ? "no conformance result recorded"
                : (conformance.passed() ? "passed" : "FAILED") + " in " + String.join(" and ", conformance.runtimes())
                        + " (" + conformance.kit() + "): " + conformance.summary());
        Provides provides = descriptor.provides();
        out.printf("Provides    methods %s, evaluators %s, searches %s, tensors %s%n", provides.methods(),
                provides.evaluators(), provides.searches(), provides.tensors());
        details.advisories().forEach(a -> out.printf("Advisory    %s%n", a));
        out.println("Install     presso plugins install --runtime osgi " + release.id() + "@" + release.version());
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
