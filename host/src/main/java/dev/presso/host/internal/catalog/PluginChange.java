package dev.presso.host.internal.catalog;

import dev.presso.kernel.pipeline.Problem;
import java.util.Optional;

/**
 * What an install, update or remove did.
 *
 * @param before the plugin as it was, empty for an install
 * @param after the plugin as it is now, empty for a remove
 * @param leak for an update or remove, the problem raised when the old version's class loader
 *     could still be reached after the unload check (something keeps a provider or a class); empty
 *     when it was collected or nothing was unloaded
 */
public record PluginChange(Optional<InstalledPlugin> before, Optional<InstalledPlugin> after, Optional<Problem> leak) {
    /**
     * Tells whether an old version was unloaded and its class loader collected.
     *
     * @return true after an update or remove whose unload check passed
     */
    public boolean oldLoaderCollected() {
        return before.isPresent() && leak.isEmpty();
    }
}
