package dev.presso.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.RegistryException.Reason;
import dev.presso.registry.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The highest index version seen from each registry, remembered in a file of the host's state
 * folder ({@code registries-seen.json}), so that an index older than one already trusted (a
 * rollback or replay by a mirror or an attacker) is refused even after a restart. Without this
 * state rollback protection would be void.
 *
 * <p>The file is canonical JSON {@code {"format":1,"seen":{"REGISTRY":VERSION,...}}}, keyed by the
 * registry's root address. Versions only go up: a write merges with what the file holds at that
 * moment (another process may have seen a newer index) and keeps the higher number, then replaces
 * the file atomically. Thread-safe within one JVM.
 */
public final class SeenVersions {
    /** The file's name in the state folder. */
    public static final String FILE = "registries-seen.json";
    private static final int FORMAT = 1;

    private final Path file;

    private SeenVersions(Path file) {
        this.file = file;
    }

    /**
     * Opens the record in a state folder; the file is created at the first {@link #record}.
     *
     * @param stateFolder the host's state folder
     * @return the record
     */
    public static SeenVersions in(Path stateFolder) {
        return new SeenVersions(stateFolder.resolve(FILE));
    }

    /** Returns the file. @return its path */
    public Path file() {
        return file;
    }

    /**
     * Returns the highest index version seen from a registry.
     *
     * @param registry the registry's root address
     * @return the version, empty when none was seen
     * @throws RegistryException ({@link Reason#MALFORMED}) if the file is damaged, naming it
     */
    public synchronized OptionalLong highest(String registry) {
        Long version = read().get(registry);
        return version == null ? OptionalLong.empty() : OptionalLong.of(version);
    }

    /**
     * Remembers that a registry's index had a version, unless a higher one was seen already.
     *
     * @param registry the registry's root address
     * @param version the verified index's version
     * @throws RegistryException ({@link Reason#IO}) if the file cannot be written
     */
    public synchronized void record(String registry, long version) {
        Map<String, Long> seen = read();
        Long before = seen.get(registry);
        if (before != null && before >= version) {
            return;
        }
        seen.put(registry, version);
        ObjectNode root = CanonicalJson.object();
        root.put("format", FORMAT);
        ObjectNode versions = root.putObject("seen");
        seen.forEach(versions::put);
        try {
            AtomicFiles.replace(file, CanonicalJson.toBytes(root));
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, file + ": cannot be written (" + e.getMessage() + ")", e);
        }
    }

    private Map<String, Long> read() {
        Map<String, Long> seen = new TreeMap<>();
        if (!Files.exists(file)) {
            return seen;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        JsonNode root = CanonicalJson.parse(bytes, file.toString());
        JsonNode format = root.path("format");
        JsonNode versions = root.path("seen");
        if (!format.isIntegralNumber() || format.asInt() != FORMAT || !versions.isObject()) {
            throw damaged("expected {\"format\":1,\"seen\":{...}}");
        }
        for (Map.Entry<String, JsonNode> entry : versions.properties()) {
            if (!entry.getValue().isIntegralNumber() || entry.getValue().asLong() < 0) {
                throw damaged("/seen/" + entry.getKey() + " is " + entry.getValue() + "; expected a version number");
            }
            seen.put(entry.getKey(), entry.getValue().asLong());
        }
        return seen;
    }

    private RegistryException damaged(String what) {
        return new RegistryException(Reason.MALFORMED, file + ": not a record of seen index versions: " + what
                + "; delete the file to trust the next index of every registry afresh");
    }
}
