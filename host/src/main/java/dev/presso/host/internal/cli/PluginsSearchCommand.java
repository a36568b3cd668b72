package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.registry.RegistryOperations;
import dev.presso.registry.format.Provides;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso plugins search [TEXT]}: the plugins the registries offer. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "List the plugins the registries offer whose id, description or provided ids contain TEXT"
                + " (all without TEXT), with the newest version this host can run. Every index is verified first.")
final class PluginsSearchCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TEXT", description = "What to look for.")
    private String text = "";

    @Mixin private PluginsRuntimeOptions runtime;
    @Mixin private RegistryOptions registries;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<RegistryOperations.Listing> found;
        try (PluginManager manager = runtime.open()) {
            found = registries.operations(manager, runtime.folder()).search(text);
        }
        if (found.isEmpty()) {
            out.println("No plugin matches '" + text + "'.");
            return 0;
        }
        int width = found.stream().mapToInt(l -> l.release().id().length()).max().orElse(0);
        for (RegistryOperations.Listing listing : found) {
            out.printf("%-" + width + "s  %-10s %-10s %s%s%n", listing.release().id(), listing.release().version(),
                    listing.registry(), listing.release().descriptor().description(),
                    listing.compatible() ? "" : " (not runnable on this host)");
            String provides = describe(listing.release().descriptor().provides());
            if (!provides.isEmpty()) {
                out.printf("%-" + width + "s  provides %s%n", "", provides);
            }
        }
        return 0;
    }

    private static String describe(Provides provides) {
        return String.join(", ", Stream.of(labelled("method", provides.methods()),
                labelled("evaluator", provides.evaluators()), labelled("search", provides.searches()),
                labelled("tensor", provides.tensors())).flatMap(List::stream).toList());
    }

    private static List<String> labelled(String kind, List<String> ids) {
        return ids.stream().map(id -> kind + " " + id).toList();
    }
}
