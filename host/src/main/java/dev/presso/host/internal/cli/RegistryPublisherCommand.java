package dev.presso.host.internal.cli;

import dev.presso.registry.format.VerificationKey;
import dev.presso.registry.server.RegistryStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso registry publisher --root DIR NAMESPACE --key KEY.pub}: gives a publisher a namespace. */
@Command(name = "publisher", mixinStandardHelpOptions = true,
        description = "Let a publisher's key own a namespace (plugin ids NAMESPACE.*) and print its upload token,"
                + " shown once (only its hash is stored). Again for the same namespace: adds the key and replaces"
                + " the token.")
final class RegistryPublisherCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private RegistryStoreOption store;

    @Parameters(index = "0", paramLabel = "NAMESPACE", description = "Such as acme, for ids acme.kmeans and so on.")
    private String namespace;

    @Option(names = "--key", paramLabel = "FILE", required = true, description = "The publisher's public key (.pub).")
    private Path key;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The upload token to use (at least 16 characters); default: a new random one.")
    private @Nullable String token;

    @Override
    public Integer call() {
        RegistryStore opened = store.open();
        String issued = RegistryErrors.guarded(() -> {
            VerificationKey publicKey = VerificationKey.read(key);
            if (token == null) {
                return opened.addPublisher(namespace, publicKey);
            }
            opened.addPublisher(namespace, publicKey, token);
            return token;
        });
        spec.commandLine().getOut().println("Namespace " + namespace + " belongs to key " + VerificationKey.read(key)
                .keyid() + "; upload token: " + issued);
        return 0;
    }
}
