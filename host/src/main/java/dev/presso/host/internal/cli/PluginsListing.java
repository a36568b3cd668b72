package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.Provisions;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.kernel.pipeline.Problem;
import java.io.PrintWriter;
import java.util.List;

/** How the {@code plugins} commands print plugins, their providers and problems. */
final class PluginsListing {
    private PluginsListing() {}

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
                : "; provides " + String.join(", ", Provisions.of(catalog, plugin.id()).stream()
                        .map(Provisions.Provision::name).toList());
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

    /**
     * Prints what several changes did, one plugin after the other.
     *
     * @param out where to print
     * @param err where to print a leak
     * @param changes the changes, possibly none
     * @param catalog the catalog after the changes
     * @param nothing what to print when there were no changes
     * @return the exit code: 0, or 1 when an old version's class loader leaked
     */
    static int printChanges(PrintWriter out, PrintWriter err, List<PluginChange> changes, Catalog catalog,
            String nothing) {
        if (changes.isEmpty()) {
            out.println(nothing);
            return 0;
        }
        int code = 0;
        for (PluginChange change : changes) {
            code = Math.max(code, printChange(out, err, change.before().isPresent() ? "Updated" : "Installed", change,
                    catalog));
        }
        return code;
    }
}
