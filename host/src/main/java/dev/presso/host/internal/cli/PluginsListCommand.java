package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Provisions;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginManager;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code presso plugins list}: every plugin with its version, kernel-api range and providers. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the plugins with their version, the kernel-api range they need and what they provide,"
                + " then any plugin that could not be loaded and why.")
final class PluginsListCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (PluginManager manager = runtime.open()) {
            Catalog catalog = manager.catalog();
            List<InstalledPlugin> plugins = catalog.plugins();
            if (plugins.isEmpty()) {
                out.println("No plugins (" + runtime.describe() + ").");
            } else {
                int idWidth = Math.max(2, plugins.stream().mapToInt(p -> p.id().length()).max().orElse(0));
                int versionWidth = Math.max(7, plugins.stream().mapToInt(p -> p.version().length()).max().orElse(0));
                String format = "%-" + idWidth + "s  %-" + versionWidth + "s  %-10s  %s%n";
                out.printf(format, "ID", "VERSION", "KERNEL-API", "PROVIDES");
                for (InstalledPlugin plugin : plugins) {
                    out.printf(format, plugin.id(), plugin.version(), plugin.kernelApiRange(),
                            String.join(", ", Provisions.of(catalog, plugin.id()).stream()
                                    .map(Provisions.Provision::name).toList()));
                }
                out.println(plugins.size() + " plugin(s), " + runtime.describe() + ".");
            }
            PluginsListing.printProblems(out, catalog.problems());
        }
        return 0;
    }
}
