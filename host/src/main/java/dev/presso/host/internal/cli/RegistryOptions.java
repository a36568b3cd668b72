package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.registry.RegistryConfig;
import dev.presso.host.internal.registry.RegistryOperations;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The options that choose the registries a command uses: by default those configured in the plugin
 * folder ({@code registries.json}, see {@code presso registry add}); with {@code --registry URL},
 * only the given ones, each trusted with the {@code --trusted-key} files (or, for a configured
 * address, its configured keys).
 */
final class RegistryOptions {
    @Option(names = "--registry", paramLabel = "URL",
            description = "Use this registry (http(s): or file: URL) instead of the configured ones; repeatable.")
    private List<String> urls = new ArrayList<>();

    @Option(names = "--trusted-key", paramLabel = "FILE",
            description = "A registry root public key (.pub) trusted to sign the --registry indexes; repeatable.")
    private List<Path> keys = new ArrayList<>();

    /**
     * Returns the registries to use.
     *
     * @param stateFolder the plugin folder with {@code registries.json}
     * @return the registries, first the most trusted
     * @throws PressoException if a key file cannot be read, or a --registry has no key
     */
    List<RegistryConfig.Entry> registries(Path stateFolder) {
        RegistryConfig configured = RegistryConfig.read(stateFolder);
        if (urls.isEmpty()) {
            return configured.registries();
        }
        List<String> trusted = keys.stream().map(RegistryOptions::readKey).toList();
        List<RegistryConfig.Entry> chosen = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            Optional<RegistryConfig.Entry> known = configured.registries().stream()
                    .filter(e -> e.url().equals(url)).findFirst();
            if (known.isPresent() && trusted.isEmpty()) {
                chosen.add(known.get());
            } else if (trusted.isEmpty()) {
                throw new PressoException("--registry " + url + " is not configured, so it needs --trusted-key FILE,"
                        + " the registry's root public key (its keys/root.pub, obtained from a channel you trust)");
            } else {
                chosen.add(new RegistryConfig.Entry("registry-" + (i + 1), url, trusted));
            }
        }
        return chosen;
    }

    /**
     * Prepares the registry operations of a running host.
     *
     * @param manager the host's plugins
     * @param stateFolder the plugin folder
     * @return the operations
     */
    RegistryOperations operations(PluginManager manager, Path stateFolder) {
        return new RegistryOperations(manager, stateFolder, registries(stateFolder), Clock.systemUTC());
    }

    /**
     * Installs from the registries what a pipeline's {@code plugins:} block names and the host
     * lacks (or holds outside its constraint), and prints each change.
     *
     * @param manager the host's plugins
     * @param stateFolder the plugin folder
     * @param pipeline the pipeline file
     * @param out where to print the changes
     * @param err where to print a leak
     * @return the exit code: 0, or 1 when an old version's class loader leaked
     */
    int installFor(PluginManager manager, Path stateFolder, Path pipeline, PrintWriter out, PrintWriter err) {
        return PluginsListing.printChanges(out, err, operations(manager, stateFolder).installFor(pipeline),
                manager.catalog(), "Every plugin " + pipeline + " names is installed already.");
    }

    /**
     * Reads a public key file as text.
     *
     * @param file the file
     * @return its PEM text
     * @throws PressoException if it cannot be read
     */
    static String readKey(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new PressoException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }
}
