package dev.presso.kernel.pipeline;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a long-running plugin keeps its progress so that an interrupted run resumes instead of
 * starting over. The host stores each checkpoint inside the run's output folder, written to a
 * temporary name and renamed, so a checkpoint is either the old one or the new one, never torn.
 *
 * @since 1.0
 */
@ProviderType
public interface Checkpoints {
    /**
     * Returns the last checkpoint saved under a name in this run, if any.
     *
     * @param name a name unique within the stage, letters, digits, dots and hyphens
     * @return the saved bytes, or empty when none was saved
     */
    Optional<byte[]> load(String name);

    /**
     * Saves a checkpoint atomically, replacing an earlier one of the same name.
     *
     * @param name a name unique within the stage, letters, digits, dots and hyphens
     * @param data the bytes to keep
     */
    void save(String name, byte[] data);
}
