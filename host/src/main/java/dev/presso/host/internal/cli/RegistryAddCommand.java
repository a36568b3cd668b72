package dev.presso.host.internal.cli;

import dev.presso.host.internal.registry.RegistryConfig;
import dev.presso.registry.format.VerificationKey;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso registry add NAME URL --trusted-key FILE}: adds a registry this host installs from. */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add (or replace) a registry that 'presso plugins search|install|update' use, after those"
                + " already configured, with the root key(s) trusted to sign its index. Kept in registries.json in"
                + " the plugin folder.")
final class RegistryAddCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "A short name for it, such as local.")
    private String name;

    @Parameters(index = "1", paramLabel = "URL", description = "Its address: http(s):// or file:.")
    private String url;

    @Option(names = "--trusted-key", paramLabel = "FILE", required = true,
            description = "A registry root public key (.pub), obtained from a channel you trust; repeatable.")
    private List<Path> keys;

    @Mixin private PluginsRuntimeOptions runtime;

    @Override
    public Integer call() {
        List<String> trusted = keys.stream().map(RegistryOptions::readKey).toList();
        List<String> ids = RegistryErrors.guarded(() -> trusted.stream()
                .map(pem -> VerificationKey.fromPem(pem, "the trusted key").keyid()).toList());
        Path folder = runtime.folder();
        RegistryConfig.read(folder).with(new RegistryConfig.Entry(name, url, trusted)).write(folder);
        spec.commandLine().getOut().println("Registry " + name + " (" + url + ") trusted with key "
                + String.join(", ", ids) + "; in " + folder.resolve(RegistryConfig.FILE));
        return 0;
    }
}
