package dev.presso.host.internal.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A folder of built artifacts, each built once: a missing entry is built into a private partial
 * folder and renamed into place, so readers see a complete entry or none. Builders of one entry
 * take turns through a lock file (and a lock per entry within this JVM), so two processes that
 * start together train once; should the lock be unavailable, the first rename wins and the other
 * build is discarded. Partial folders left by killed processes are removed by the next builder.
 */
final class ModelCache {
    /** One lock per entry folder, for builders in this JVM (a file lock cannot be taken twice in one). */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    /** The file each complete entry has, written last. */
    private final String completionMarker;

    /** Builds an entry's content into a new folder. */
    @FunctionalInterface
    interface Builder {
        void build(Path folder) throws IOException;
    }

    /**
     * Creates a cache whose entries are complete when they hold a marker file.
     *
     * @param completionMarker the name of the file a builder writes last
     */
    ModelCache(String completionMarker) {
        this.completionMarker = completionMarker;
    }

    /**
     * Returns an entry's folder if it is complete.
     *
     * @param entry the entry's folder
     * @return whether it exists and holds the marker
     */
    boolean isComplete(Path entry) {
        return Files.isRegularFile(entry.resolve(completionMarker));
    }

    /**
     * Returns an entry, building it first if it is missing.
     *
     * @param entry the entry's folder; its parent is created if needed
     * @param builder builds the content when the entry is missing
     * @return {@code entry}, complete
     * @throws IOException if the folder cannot be created or written
     */
    Path ensure(Path entry, Builder builder) throws IOException {
        if (isComplete(entry)) {
            return entry;
        }
        Path parent = entry.toAbsolutePath().normalize().getParent();
        Files.createDirectories(parent);
        ReentrantLock local = LOCKS.computeIfAbsent(entry.toAbsolutePath().normalize(), k -> new ReentrantLock());
        local.lock();
        try (FileChannel lockFile = FileChannel.open(parent.resolve(entry.getFileName() + ".lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock _ = lock(lockFile)) {
            if (isComplete(entry)) {
                return entry;
            }
            removeLeftovers(parent, entry);
            Path partial = parent.resolve("." + entry.getFileName() + "." + ProcessHandle.current().pid() + "."
                    + System.nanoTime() + ".partial");
            try {
                builder.build(partial);
                if (!isComplete(partial)) {
                    throw new IllegalStateException("the builder of " + entry + " did not write "
                            + completionMarker);
                }
                moveIntoPlace(partial, entry);
            } finally {
                deleteRecursively(partial);
            }
            return entry;
        } finally {
            local.unlock();
        }
    }

    /** Takes the lock file, or goes on without it where the file system cannot lock. */
    private static @Nullable FileLock lock(FileChannel channel) {
        try {
            return channel.lock();
        } catch (IOException e) {
            return null;
        }
    }

    /** Deletes partial folders of this entry, and the entry itself if it is incomplete. */
    private void removeLeftovers(Path parent, Path entry) throws IOException {
        String prefix = "." + entry.getFileName() + ".";
        try (DirectoryStream<Path> partials = Files.newDirectoryStream(parent,
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".partial"))) {
            for (Path partial : partials) {
                deleteRecursively(partial);
            }
        }
        deleteRecursively(entry);
    }

    /**
     * Renames the partial folder to the entry; if the entry appeared meanwhile (a builder that
     * could not lock won the race), that complete entry is kept. Renaming onto a non-empty folder
     * fails with a plain {@link IOException} ("Directory not empty") on Linux.
     */
    private void moveIntoPlace(Path partial, Path entry) throws IOException {
        try {
            try {
                Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, entry);
            }
        } catch (IOException e) {
            if (!isComplete(entry)) {
                throw e;
            }
        }
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
