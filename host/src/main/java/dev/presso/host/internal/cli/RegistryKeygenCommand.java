package dev.presso.host.internal.cli;

import dev.presso.kernel.PressoException;
import dev.presso.registry.format.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso registry keygen FILE}: writes a new Ed25519 key pair. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Write a new Ed25519 key pair: FILE (the private key, readable only by you; keep it secret) and"
                + " FILE.pub (the public key, to give to a registry or to hosts that trust it).")
final class RegistryKeygenCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The private key file to write, such as acme.key.")
    private Path file;

    @Option(names = "--force", description = "Replace existing files.")
    private boolean force;

    @Override
    public Integer call() {
        Path publicFile = file.resolveSibling(file.getFileName() + ".pub");
        if (!force && (Files.exists(file) || Files.exists(publicFile))) {
            throw new PressoException((Files.exists(file) ? file : publicFile) + " exists; a key is never overwritten"
                    + " by accident: choose another name or add --force");
        }
        SigningKey key = SigningKey.generate();
        RegistryErrors.guarded(() -> {
            key.write(file);
            key.writePublic(publicFile);
            return null;
        });
        spec.commandLine().getOut().println("Wrote " + file + " (private) and " + publicFile + " (public); key id "
                + key.keyid());
        return 0;
    }
}
