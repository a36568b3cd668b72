package dev.presso.host.internal.cli;

import dev.presso.registry.server.RegistryStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --root DIR} option of the commands that work on a registry store folder. */
final class RegistryStoreOption {
    @Option(names = "--root", paramLabel = "DIR", required = true,
            description = "The registry's folder (made by 'presso registry init'): public/ is what is served,"
                    + " private/ holds the root key and the hashed upload tokens.")
    Path root;

    /**
     * Opens the store.
     *
     * @return the store
     * @throws dev.presso.kernel.PressoException if the folder is not a registry
     */
    RegistryStore open() {
        return RegistryErrors.guarded(() -> RegistryStore.open(root));
    }
}
