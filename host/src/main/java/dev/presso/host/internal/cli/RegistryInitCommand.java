package dev.presso.host.internal.cli;

import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.server.RegistryStore;
import dev.presso.registry.server.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code presso registry init --root DIR --name NAME}: creates a registry in an empty folder. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = "Create a registry in an empty folder: its signed index (version 1) and its root key, which"
                + " signs every index and which hosts must trust (public/keys/root.pub).")
final class RegistryInitCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private RegistryStoreOption store;

    @Option(names = "--name", paramLabel = "NAME", required = true,
            description = "The registry's name, as the index carries it (letters, digits, '.', '_', '-').")
    private String name;

    @Option(names = "--key", paramLabel = "FILE",
            description = "The root key (from 'presso registry keygen'); default: a new one.")
    private @Nullable Path key;

    @Option(names = "--index-lifetime", paramLabel = "DAYS", defaultValue = "7",
            description = "How many days a signed index stays valid; the server re-signs it at half. Default: 7.")
    private int lifetimeDays;

    @Option(names = "--max-bundle-mib", paramLabel = "MIB", defaultValue = "64",
            description = "The largest bundle accepted, in MiB. Default: 64.")
    private int maxBundleMib;

    @Override
    public Integer call() {
        RegistryStore created = RegistryErrors.guarded(() -> RegistryStore.init(store.root, name,
                key == null ? SigningKey.generate() : SigningKey.read(key),
                new StoreSettings(Duration.ofDays(lifetimeDays), (long) maxBundleMib << 20)));
        Path rootKey = created.publicRoot().resolve(RegistryLayout.ROOT_KEY);
        PrintWriter out = spec.commandLine().getOut();
        out.println("Created registry " + name + " in " + created.directory() + "; root key id "
                + created.rootKey().keyid());
        out.println("Serve it:          presso registry serve --root " + store.root + " --port 8080");
        out.println("Add a publisher:   presso registry publisher --root " + store.root + " NAMESPACE --key KEY.pub");
        out.println("Hosts trust it:    presso registry add " + name + " http://HOST:8080/ --trusted-key " + rootKey);
        return 0;
    }
}
