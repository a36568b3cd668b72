package dev.presso.host.internal.catalog.osgi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.presso.host.internal.catalog.PluginManifest;
import dev.presso.host.internal.catalog.Sha256;
import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The host's own record of the plugins installed in OSGi mode, in a state folder:
 * {@code plugins.json} (the list, rewritten atomically: temporary file, then rename) and
 * {@code bundles/} (a copy of every installed jar, so the plugin survives the deletion of the
 * file it was installed from). At start the host reinstalls exactly these into a fresh Felix.
 *
 * <p>Changes take {@code .lock} for their duration, so two processes never interleave their
 * writes, and a change is refused when another process rewrote the list since this one read it.
 */
final class PluginStore {
    static final String STATE_FILE = "plugins.json";
    static final String BUNDLES = "bundles";
    private static final String LOCK_FILE = ".lock";
    private static final int FORMAT = 1;
    private static final int HASH_PREFIX = 12;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The content of {@code plugins.json}.
     *
     * @param format the file format, 1
     * @param plugins the installed plugins, by id
     */
    record State(int format, List<PluginRecord> plugins) {
        State {
            plugins = List.copyOf(plugins);
        }
    }

    private final Path folder;
    private byte @Nullable [] lastSeen;

    private PluginStore(Path folder) {
        this.folder = folder;
    }

    /**
     * Opens a state folder, creating it when missing.
     *
     * @param folder the folder
     * @return the store
     * @throws PressoException if the folder cannot be created
     */
    static PluginStore open(Path folder) {
        Path absolute = folder.toAbsolutePath().normalize();
        try {
            Files.createDirectories(absolute.resolve(BUNDLES));
        } catch (IOException e) {
            throw new PressoException("cannot create the plugin state folder " + absolute + ": " + e.getMessage(), e);
        }
        AtomicFiles.deleteLeftovers(absolute);
        AtomicFiles.deleteLeftovers(absolute.resolve(BUNDLES));
        return new PluginStore(absolute);
    }

    /** Returns the state folder. @return the absolute folder */
    Path folder() {
        return folder;
    }

    /**
     * Reads the installed plugins.
     *
     * @return the records, none when the file does not exist yet
     * @throws PressoException if the file cannot be read or is not a state file, naming it, the
     *     line and the column
     */
    List<PluginRecord> read() {
        Path file = folder.resolve(STATE_FILE);
        if (!Files.exists(file)) {
            lastSeen = new byte[0];
            return List.of();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            State state = JSON.readValue(bytes, State.class);
            if (state.format() != FORMAT) {
                throw new PressoException(file + ": format " + state.format() + " is not supported; expected "
                        + FORMAT + " (written by a newer Presso?)");
            }
            lastSeen = bytes;
            return state.plugins();
        } catch (JsonProcessingException e) {
            throw new PressoException(file + ": not a plugin state file: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr()), e);
        } catch (IOException e) {
            throw new PressoException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Replaces the list of installed plugins atomically.
     *
     * @param plugins the records, any order
     * @throws PressoException if the file cannot be written
     */
    void write(List<PluginRecord> plugins) {
        List<PluginRecord> sorted = plugins.stream().sorted((a, b) -> a.id().compareTo(b.id())).toList();
        try {
            byte[] bytes = JSON.writeValueAsBytes(new State(FORMAT, sorted));
            AtomicFiles.writeBytes(folder.resolve(STATE_FILE), bytes);
            lastSeen = bytes;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plugin records always serialize", e);
        }
    }

    /**
     * Refuses a change when another process rewrote the state file since this one read it.
     *
     * @throws PressoException naming the folder
     */
    void requireUnchanged() {
        Path file = folder.resolve(STATE_FILE);
        byte[] now;
        try {
            now = Files.exists(file) ? Files.readAllBytes(file) : new byte[0];
        } catch (IOException e) {
            throw new PressoException(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        if (lastSeen == null || !Arrays.equals(now, lastSeen)) {
            throw new PressoException("the plugins in " + folder + " were changed by another Presso process since"
                    + " this one started; run the command again");
        }
    }

    /**
     * Copies a plugin jar into {@code bundles/}, named after its id, version and hash; a copy
     * already there is kept only if its content is intact.
     *
     * @param jar the jar to copy
     * @param manifest its manifest
     * @param sha256 its hash
     * @return the copy's path relative to the state folder
     * @throws PressoException if it cannot be copied
     */
    String storeJar(Path jar, PluginManifest manifest, String sha256) {
        String name = BUNDLES + "/" + manifest.id() + "-" + manifest.version() + "-" + sha256.substring(0, HASH_PREFIX)
                + ".jar";
        Path target = folder.resolve(name);
        if (!Files.isRegularFile(target) || !Sha256.of(target).equals(sha256)) {
            AtomicFiles.write(target, out -> Files.copy(jar, out));
        }
        return name;
    }

    /**
     * Deletes the stored jars no record names (left by a crash between copy and record).
     *
     * @param plugins the records to keep
     */
    void deleteUnrecorded(List<PluginRecord> plugins) {
        Set<Path> kept = plugins.stream().map(r -> folder.resolve(r.file()).normalize()).collect(Collectors.toSet());
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder.resolve(BUNDLES), "*.jar")) {
            for (Path jar : jars) {
                if (!kept.contains(jar.normalize())) {
                    Files.deleteIfExists(jar);
                }
            }
        } catch (IOException e) {
            System.getLogger("presso.osgi").log(System.Logger.Level.DEBUG, "could not clean " + folder, e);
        }
    }

    /**
     * Deletes a stored jar.
     *
     * @param file its path relative to the state folder
     */
    void deleteJar(String file) {
        try {
            Files.deleteIfExists(folder.resolve(file));
        } catch (IOException e) {
            System.getLogger("presso.osgi").log(System.Logger.Level.DEBUG, "could not delete " + file, e);
        }
    }

    /**
     * Takes the folder's change lock.
     *
     * @return the lock, to close when the change is done
     * @throws PressoException if another process holds it
     */
    Lock lock() {
        Path file = folder.resolve(LOCK_FILE);
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            @Nullable FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // another manager in this JVM holds it
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new PressoException("another Presso process is changing the plugins in " + folder
                        + "; try again when it has finished");
            }
            return new Lock(channel);
        } catch (IOException e) {
            throw new PressoException(file + ": cannot be locked (" + e.getMessage() + ")", e);
        }
    }

    /** A held change lock. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;

        private Lock(FileChannel channel) {
            this.channel = channel;
        }

        @Override
        public void close() {
            try {
                channel.close();
            } catch (IOException e) {
                System.getLogger("presso.osgi").log(System.Logger.Level.DEBUG, "could not release the lock", e);
            }
        }
    }
}
