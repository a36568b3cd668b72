package dev.presso.host.internal.run;

import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.Checkpoints;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checkpoints kept as files in a stage's folder of the run, each written atomically. */
final class FileCheckpoints implements Checkpoints {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,127}");

    private final Path folder;

    FileCheckpoints(Path folder) {
        this.folder = folder;
    }

    @Override
    public Optional<byte[]> load(String name) {
        Path file = file(name);
        try {
            return Files.exists(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String name, byte[] data) {
        AtomicFiles.writeBytes(file(name), data);
    }

    private Path file(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new PressoException("checkpoint name '" + name + "' is not allowed; expected letters, digits, dots"
                    + " and hyphens, starting with a letter or digit, at most 128 characters");
        }
        return folder.resolve("plugin-" + name + ".ckpt");
    }
}
