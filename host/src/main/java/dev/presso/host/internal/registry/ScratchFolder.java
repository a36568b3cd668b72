package dev.presso.host.internal.registry;

import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A private temporary folder, deleted with everything in it when closed: where downloads are
 * staged before an install, and where the publish check keeps its throw-away OSGi state.
 */
final class ScratchFolder implements AutoCloseable {
    private final Path path;

    private ScratchFolder(Path path) {
        this.path = path;
    }

    /**
     * Creates a folder in the system's temporary folder.
     *
     * @param prefix the start of its name
     * @return the folder
     * @throws PressoException if it cannot be created
     */
    static ScratchFolder create(String prefix) {
        try {
            return new ScratchFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new PressoException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }

    /** Returns the folder. @return its path */
    Path path() {
        return path;
    }

    /** Deletes the folder and its content; what cannot be deleted is logged and left. */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            System.getLogger("presso.registry").log(System.Logger.Level.DEBUG, "could not delete " + path, e);
        }
    }
}
