package dev.presso.registry.internal.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Durable, atomic file writes: the bytes go to a temporary file in the target's folder, are
 * forced to disk, and the file is renamed over the target, so a reader sees the old file or the
 * whole new one, never a partial one; the folder is then forced so the rename survives a crash.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /**
     * Writes a file atomically, replacing any existing one.
     *
     * @param target the file
     * @param bytes the content
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void replace(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false, false);
    }

    /**
     * Writes a file atomically that must not exist yet.
     *
     * @param target the file
     * @param bytes the content
     * @throws FileAlreadyExistsException if the target exists
     * @throws IOException if writing fails; nothing is left behind
     */
    public static void create(Path target, byte[] bytes) throws IOException {
        write(target, bytes, true, false);
    }

    /**
     * Writes a file atomically, readable only by its owner where the file system has POSIX
     * permissions (for private keys and token hashes).
     *
     * @param target the file
     * @param bytes the content
     * @throws IOException if writing fails; the target is then unchanged
     */
    public static void replacePrivate(Path target, byte[] bytes) throws IOException {
        write(target, bytes, false, true);
    }

    private static void write(Path target, byte[] bytes, boolean mustBeNew, boolean ownerOnly) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        if (mustBeNew && Files.exists(target)) {
            throw new FileAlreadyExistsException(target.toString());
        }
        Path temp = Files.createTempFile(folder, "." + target.getFileName() + ".", ".tmp");
        try {
            if (ownerOnly) {
                try {
                    Files.setPosixFilePermissions(temp, Set.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the folder's permissions protect the file
                }
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            if (mustBeNew && Files.exists(target)) {
                throw new FileAlreadyExistsException(target.toString());
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(folder);
    }

    /**
     * Forces a folder's entries to disk, where the platform allows opening a folder.
     *
     * @param folder the folder
     */
    public static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open folders; the rename is still atomic there
        }
    }
}
