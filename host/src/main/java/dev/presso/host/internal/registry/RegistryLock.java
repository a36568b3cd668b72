package dev.presso.host.internal.registry;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.kernel.PressoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The lockfile of the plugins installed from registries, {@code plugins.lock.json} in the host's
 * plugin state folder: for each plugin its id, exact version, the registry it came from and the
 * SHA-256 of its bundle, so an installation can be audited and reproduced. Rewritten atomically
 * after every registry install, update or removal; an entry whose plugin is no longer installed
 * with that hash (removed or replaced from a file) is dropped at the next write.
 *
 * @param format the file format, 1
 * @param plugins the entries, sorted by id
 */
public record RegistryLock(int format, List<Entry> plugins) {
    /** The lockfile's name in the state folder. */
    public static final String FILE = "plugins.lock.json";
    private static final int FORMAT = 1;

    /** Copies the list. */
    public RegistryLock {
        plugins = List.copyOf(plugins);
    }

    /**
     * One locked plugin.
     *
     * @param id the plugin id
     * @param version its exact version
     * @param registry the name of the registry it was installed from
     * @param url the address of that registry
     * @param sha256 the hex SHA-256 of its bundle
     * @param requires the other plugins it requires, id to version range, as its descriptor says
     */
    public record Entry(String id, String version, String registry, String url, String sha256,
            Map<String, String> requires) {
        /**
         * Validates the components.
         *
         * @param id the plugin id
         * @param version its version
         * @param registry the registry's name
         * @param url the registry's address
         * @param sha256 the bundle's hash
         * @param requires what it requires
         */
        public Entry {
            Objects.requireNonNull(id, "id must not be null");
            Objects.requireNonNull(version, "version must not be null");
            Objects.requireNonNull(registry, "registry must not be null");
            Objects.requireNonNull(url, "url must not be null");
            Objects.requireNonNull(sha256, "sha256 must not be null");
            requires = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(requires));
        }
    }

    /**
     * Reads the lockfile of a state folder.
     *
     * @param stateFolder the host's plugin state folder
     * @return the lock, empty when there is no file yet
     * @throws PressoException if the file is not a lockfile, naming it
     */
    public static RegistryLock read(Path stateFolder) {
        Path file = stateFolder.resolve(FILE);
        if (!Files.exists(file)) {
            return new RegistryLock(FORMAT, List.of());
        }
        RegistryLock lock = CanonicalJson.read(file, RegistryLock.class);
        if (lock.format() != FORMAT) {
            throw new PressoException(file + ": format " + lock.format() + " is not supported; expected " + FORMAT);
        }
        return lock;
    }

    /**
     * Returns a lock with entries added or replaced and the entries of plugins no longer installed
     * (or installed with another hash) dropped.
     *
     * @param changed the entries to add or replace, by id
     * @param installed the plugins installed now
     * @return the new lock
     */
    public RegistryLock with(List<Entry> changed, List<InstalledPlugin> installed) {
        Map<String, Entry> byId = new TreeMap<>();
        plugins.forEach(e -> byId.put(e.id(), e));
        changed.forEach(e -> byId.put(e.id(), e));
        Set<String> present = installed.stream().map(p -> p.id() + "@" + p.sha256()).collect(Collectors.toSet());
        return new RegistryLock(FORMAT, byId.values().stream().filter(e -> present.contains(e.id() + "@" + e.sha256()))
                .sorted(Comparator.comparing(Entry::id)).toList());
    }

    /**
     * Returns the locked plugins that require a plugin.
     *
     * @param id the required plugin's id
     * @return such as {@code acme.app 1.0.0 requires acme.base [1.0,2)}, empty when none does
     */
    public List<String> dependents(String id) {
        return plugins.stream().filter(e -> e.requires().containsKey(id))
                .map(e -> e.id() + " " + e.version() + " requires " + id + " " + e.requires().get(id)).toList();
    }

    /**
     * Writes the lock atomically into a state folder.
     *
     * @param stateFolder the host's plugin state folder
     */
    public void write(Path stateFolder) {
        AtomicFiles.writeJson(stateFolder.resolve(FILE), this);
    }
}
