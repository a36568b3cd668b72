package dev.presso.host.internal.run;

import dev.presso.host.internal.embedded.EmbeddedModel;
import dev.presso.host.internal.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The content-addressed copies of finished level databases under the Presso cache folder
 * ({@code CACHE/databases/DIGEST}, CACHE as {@link EmbeddedModel#defaultCacheRoot()} finds it),
 * and copying databases between folders. Every file is copied atomically and
 * {@link LevelDatabase#FILE} last, so a folder with that file is a complete database.
 */
final class DatabaseCache {
    private static final String DATABASES = "databases";

    private DatabaseCache() {}

    /**
     * Returns the cache folder of a digest.
     *
     * @param digest the provenance digest
     * @return the folder, which may not exist
     */
    static Path folder(String digest) {
        return EmbeddedModel.defaultCacheRoot().resolve(DATABASES).resolve(digest);
    }

    /**
     * Copies the cached database of a digest into a folder, if the cache has it.
     *
     * @param digest the provenance digest
     * @param target the folder to fill
     * @return whether the cache had it
     */
    static boolean fetch(String digest, Path target) {
        Path cached = folder(digest);
        if (LevelDatabase.read(cached).filter(d -> d.digest().equals(digest)).isEmpty()) {
            return false;
        }
        copy(cached, target);
        return true;
    }

    /**
     * Stores a finished database in the cache, unless it is there already.
     *
     * @param digest its provenance digest
     * @param source its folder
     */
    static void store(String digest, Path source) {
        Path cached = folder(digest);
        if (!Files.exists(cached.resolve(LevelDatabase.FILE))) {
            copy(source, cached);
        }
    }

    /**
     * Copies a database's files from one folder to another.
     *
     * @param source the folder holding {@link LevelDatabase#FILE}
     * @param target the folder to write
     */
    static void copy(Path source, Path target) {
        Path levels = source.resolve(LevelDatabase.LEVELS);
        if (Files.isDirectory(levels)) {
            try (Stream<Path> files = Files.list(levels)) {
                for (Path file : files.filter(f -> !AtomicFiles.isLeftover(f)).sorted().toList()) {
                    copyFile(file, target.resolve(LevelDatabase.LEVELS).resolve(file.getFileName().toString()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + levels + ": " + e.getMessage(), e);
            }
        }
        for (String name : List.of(LevelDatabase.FILE)) {
            copyFile(source.resolve(name), target.resolve(name));
        }
    }

    private static void copyFile(Path from, Path to) {
        try {
            AtomicFiles.writeBytes(to, Files.readAllBytes(from));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }
}
