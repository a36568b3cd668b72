package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.host.internal.catalog.ProviderKind;
import dev.presso.kernel.pipeline.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The plugins running in Felix at one moment, and what went wrong with the others. Immutable: the
 * manager publishes a new one after every change.
 *
 * @param running the running plugins
 * @param problems the problems
 */
record OsgiCatalog(List<RunningPlugin> running, List<Problem> problems) implements Catalog {
    /** The catalog of a host with no plugins. */
    static final OsgiCatalog EMPTY = new OsgiCatalog(List.of(), List.of());

    OsgiCatalog {
        running = running.stream().sorted(Comparator.comparing(r -> r.plugin().id())).toList();
        problems = List.copyOf(problems);
    }

    @Override
    public List<InstalledPlugin> plugins() {
        return running.stream().map(RunningPlugin::plugin).toList();
    }

    @Override
    public <S> List<Provided<S>> providers(Class<S> service) {
        Optional<ProviderKind> kind = ProviderKind.of(service);
        if (kind.isEmpty()) {
            return List.of();
        }
        return running.stream().flatMap(r -> r.providers().stream()
                        .filter(p -> p.kind() == kind.get())
                        .sorted(Comparator.comparing(p -> p.provider().getClass().getName()))
                        .map(p -> new Provided<>(service.cast(p.provider()), r.plugin())))
                .toList();
    }
}
