package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.catalog.ProviderKind;
import dev.presso.kernel.pipeline.Problem;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** How the {@code plugins} commands print plugins, their providers and problems. */
final class PluginsListing {
    /**
     * One provider of a plugin.
     *
     * @param name {@code kind:id}, such as {@code evaluator:perplexity}
     * @param description its one-line description
     */
    record Provision(String name, String description) {}

    private PluginsListing() {}

    /**
     * Lists what a plugin provides, in {@link ProviderKind} order.
     *
     * @param catalog the catalog
     * @param pluginId the plugin
     * @return its providers
     */
    static List<Provision> provisions(Catalog catalog, String pluginId) {
        List<Provision> provisions = new ArrayList<>();
        for (ProviderKind kind : ProviderKind.values()) {
            for (Provided<?> provided : catalog.providers(kind.service())) {
                if (provided.plugin().id().equals(pluginId)) {
                    provisions.add(new Provision(kind.label() + ":" + ask(() -> kind.idOf(provided.provider())),
                            ask(() -> kind.describe(provided.provider()))));
                }
            }
        }
        return provisions;
    }

    /**
     * Prints the problems, if any, under a heading.
     *
     * @param out where to print
     * @param problems the problems
     */
    static void printProblems(PrintWriter out, List<Problem> problems) {
        if (!problems.isEmpty()) {
            out.println("Problems:");
            problems.forEach(p -> out.println("  " + p.format()));
        }
    }

    /**
     * Prints what a change did: one line naming the plugin and its providers, then the unload check.
     *
     * @param out where to print
     * @param err where to print a leak
     * @param verb such as {@code Installed}
     * @param change the change
     * @param catalog the catalog after the change
     * @return the exit code: 0, or 1 when the old version's class loader leaked
     */
    static int printChange(PrintWriter out, PrintWriter err, String verb, PluginChange change, Catalog catalog) {
        InstalledPlugin plugin = change.after().or(change::before).orElseThrow();
        String versions = change.before().isPresent() && change.after().isPresent()
                ? change.before().get().version() + " -> " + change.after().get().version() : plugin.version();
        String provides = change.after().isEmpty() ? ""
                : "; provides " + String.join(", ", provisions(catalog, plugin.id()).stream().map(Provision::name)
                        .toList());
        out.println(verb + " " + plugin.id() + " " + versions + " (kernel-api " + plugin.kernelApiRange() + ")"
                + provides);
        if (change.leak().isPresent()) {
            err.println("presso: warning: " + change.leak().get().format());
            return 1;
        }
        if (change.oldLoaderCollected()) {
            out.println("The old version's class loader was unloaded.");
        }
        return 0;
    }

    /** Calls plugin code that should not throw; if it does, the listing shows why instead. */
    private static String ask(Supplier<String> question) {
        try {
            return question.get();
        } catch (RuntimeException | LinkageError e) {
            return "? (" + e + ")";
        }
    }
}
