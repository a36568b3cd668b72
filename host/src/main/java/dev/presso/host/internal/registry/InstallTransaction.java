package dev.presso.host.internal.registry;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.PluginChange;
import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Installs or updates several staged plugins into a running host as one all-or-nothing step.
 *
 * <p>Each plugin goes through the plugin manager's own change (itself all or nothing: a bundle
 * that is refused leaves its previous version). When a later plugin of the set is refused, the
 * changes already made are undone in reverse order: a fresh install is removed, an update is put
 * back with a copy of the previous jar taken before the first change. The manager's state file is
 * then rewritten with the records it had, so the state folder ends as it started.
 */
public final class InstallTransaction {
    private final PluginManager manager;
    private final Path staging;

    /**
     * Prepares a transaction.
     *
     * @param manager the running host's plugin manager
     * @param staging a private folder for copies of the versions being replaced
     */
    public InstallTransaction(PluginManager manager, Path staging) {
        this.manager = manager;
        this.staging = staging;
    }

    /** One change made, and how to undo it. */
    private record Applied(StagedPlugin plugin, Optional<Path> previousJar) {}

    /**
     * Installs every plugin not installed yet and updates every one installed at another version;
     * a plugin already installed with the same hash is left alone. Then runs the commit step (such
     * as writing the lockfile); if it fails, the changes are undone too.
     *
     * @param plugins the plugins, dependencies before the plugins that need them
     * @param commit what to do once every plugin is in place
     * @return the changes made, in order
     * @throws PressoException if any plugin is refused or the commit step fails; the message says
     *     why and that nothing was changed
     */
    public List<PluginChange> apply(List<StagedPlugin> plugins, Runnable commit) {
        Map<String, InstalledPlugin> installed = manager.catalog().plugins().stream()
                .collect(Collectors.toMap(InstalledPlugin::id, Function.identity()));
        List<Applied> applied = new ArrayList<>();
        List<PluginChange> changes = new ArrayList<>();
        for (StagedPlugin plugin : plugins) {
            InstalledPlugin current = installed.get(plugin.id());
            if (current != null && current.sha256().equals(plugin.sha256())) {
                continue;
            }
            try {
                if (current == null) {
                    changes.add(manager.install(plugin.jar()));
                    applied.add(new Applied(plugin, Optional.empty()));
                } else {
                    Path previous = keepCopy(current);
                    changes.add(manager.update(plugin.id(), plugin.jar()));
                    applied.add(new Applied(plugin, Optional.of(previous)));
                }
            } catch (PressoException e) {
                List<String> undoFailures = undo(applied);
                throw new PressoException("plugin " + plugin.id() + " " + plugin.version() + " from registry "
                        + plugin.registry() + " was refused: " + e.getMessage() + "; "
                        + (undoFailures.isEmpty() ? "nothing was changed"
                                : "undoing the earlier changes failed: " + String.join("; ", undoFailures)), e);
            }
        }
        try {
            commit.run();
        } catch (RuntimeException e) {
            List<String> undoFailures = undo(applied);
            throw new PressoException("the plugins were installed but recording them failed: " + e.getMessage() + "; "
                    + (undoFailures.isEmpty() ? "nothing was changed"
                            : "undoing the changes failed: " + String.join("; ", undoFailures)), e);
        }
        return List.copyOf(changes);
    }

    /**
     * Undoes the changes already made, newest first.
     *
     * @param applied the changes
     * @return what could not be undone, empty when everything was
     */
    private List<String> undo(List<Applied> applied) {
        List<String> failures = new ArrayList<>();
        for (Applied change : applied.reversed()) {
            try {
                if (change.previousJar().isEmpty()) {
                    manager.remove(change.plugin().id());
                } else {
                    manager.update(change.plugin().id(), change.previousJar().get());
                }
            } catch (PressoException e) {
                failures.add(change.plugin().id() + ": " + e.getMessage());
            }
        }
        return failures;
    }

    private Path keepCopy(InstalledPlugin current) {
        Path source = Path.of(current.location());
        Path copy = staging.resolve("previous").resolve(current.id() + "-" + current.version() + ".jar");
        try {
            Files.createDirectories(copy.getParent());
            Files.copy(source, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new PressoException("cannot keep a copy of plugin " + current.id() + " " + current.version()
                    + " from " + source + " before updating it: " + e.getMessage(), e);
        }
        return copy;
    }
}
