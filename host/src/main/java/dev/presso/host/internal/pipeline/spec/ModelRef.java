package dev.presso.host.internal.pipeline.spec;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The model a pipeline compresses: a Hugging Face model folder, or {@code default} for the small
 * LLaMA that Presso trains itself and caches.
 *
 * @param folder the folder, resolved against the pipeline file's folder; empty for the default
 * @param written the value as written in the file
 * @param where where it was written
 */
public record ModelRef(Optional<Path> folder, String written, Location where) {
    /** The value that names the embedded default model. */
    public static final String DEFAULT = "default";

    /** Returns whether this is the embedded default model. @return {@code true} for {@code default} */
    public boolean isDefault() {
        return folder.isEmpty();
    }
}
