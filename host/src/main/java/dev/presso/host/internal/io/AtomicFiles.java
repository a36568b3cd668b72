package dev.presso.host.internal.io;

import dev.presso.kernel.PressoException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes files atomically: the content goes to a temporary file next to the target, is flushed to
 * the disk, and is renamed over the target with {@link StandardCopyOption#ATOMIC_MOVE}. A crash or
 * a kill at any moment leaves either the previous file or the complete new one, plus at worst a
 * leftover temporary file that {@link #deleteLeftovers(Path)} removes.
 *
 * <p>Temporary files are named {@code .NAME.PID-N.tmp}, hidden and recognisable by
 * {@link #isLeftover(Path)}. Thread-safe: concurrent writers to different targets never share a
 * temporary file; concurrent writers to the same target each rename a complete file, the last
 * rename wins.
 */
public final class AtomicFiles {
    private static final String SUFFIX = ".tmp";
    private static final AtomicLong COUNTER = new AtomicLong();

    private AtomicFiles() {}

    /**
     * Produces a file's content on a stream.
     */
    @FunctionalInterface
    public interface ContentWriter {
        /**
         * Writes the content.
         *
         * @param out the stream to write to; buffered, and not to be closed (the caller flushes it)
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes text as UTF-8.
     *
     * @param target the file to create or replace; missing parent folders are created
     * @param text the content
     * @return the target
     * @throws PressoException if the file cannot be written, naming it and the reason
     */
    public static Path writeString(Path target, String text) {
        return writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes bytes.
     *
     * @param target the file to create or replace; missing parent folders are created
     * @param bytes the content
     * @return the target
     * @throws PressoException if the file cannot be written, naming it and the reason
     */
    public static Path writeBytes(Path target, byte[] bytes) {
        return write(target, out -> out.write(bytes));
    }

    /**
     * Writes a value as canonical JSON (see {@link CanonicalJson}).
     *
     * @param target the file to create or replace; missing parent folders are created
     * @param value a record, list, map or Jackson tree
     * @return the target
     * @throws PressoException if the file cannot be written, naming it and the reason
     */
    public static Path writeJson(Path target, Object value) {
        return writeString(target, CanonicalJson.toJson(value));
    }

    /**
     * Writes whatever {@code content} puts on the stream; for large files such as tensors.
     *
     * @param target the file to create or replace; missing parent folders are created
     * @param content writes the bytes
     * @return the target
     * @throws PressoException if the file cannot be written, naming it and the reason; the target
     *     is then unchanged and the temporary file removed
     */
    public static Path write(Path target, ContentWriter content) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        Path temporary = folder.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + "-"
                + COUNTER.incrementAndGet() + SUFFIX);
        try {
            Files.createDirectories(folder);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
                content.writeTo(out);
                out.flush();
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            forceFolder(folder);
            return target;
        } catch (IOException e) {
            deleteQuietly(temporary);
            throw new PressoException("cannot write " + target + ": " + describe(e), e);
        } catch (RuntimeException e) {
            deleteQuietly(temporary);
            throw e;
        }
    }

    /**
     * Tells whether a path is a temporary file this class left behind (after a crash).
     *
     * @param file a path
     * @return whether its name has the temporary-file form
     */
    public static boolean isLeftover(Path file) {
        Path name = file.getFileName();
        if (name == null) {
            return false;
        }
        String text = name.toString();
        return text.startsWith(".") && text.endsWith(SUFFIX) && text.matches("\\..+\\.\\d+-\\d+\\.tmp");
    }

    /**
     * Deletes the temporary files a crashed writer left in a folder (not in its subfolders).
     *
     * @param folder the folder; nothing happens if it does not exist
     * @return the files deleted, sorted
     * @throws PressoException if the folder cannot be listed or a leftover cannot be deleted
     */
    public static List<Path> deleteLeftovers(Path folder) {
        List<Path> deleted = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return deleted;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, AtomicFiles::isLeftover)) {
            for (Path leftover : entries) {
                Files.deleteIfExists(leftover);
                deleted.add(leftover);
            }
        } catch (IOException e) {
            throw new PressoException("cannot clean temporary files in " + folder + ": " + describe(e), e);
        }
        deleted.sort(null);
        return deleted;
    }

    /** Makes the rename durable where the platform allows opening a folder; elsewhere a no-op. */
    private static void forceFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Windows cannot open a folder as a channel; the rename is still atomic there.
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // The original failure matters more; deleteLeftovers removes the file later.
        }
    }

    private static String describe(IOException e) {
        String reason = e.getMessage();
        return e.getClass().getSimpleName() + (reason == null ? "" : " (" + reason + ")");
    }
}
