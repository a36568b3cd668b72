package dev.presso.host.internal.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso registry yank --root DIR ID VERSION --reason TEXT}: withdraws a version. */
@Command(name = "yank", mixinStandardHelpOptions = true,
        description = "Withdraw a published version: hosts no longer choose it (it stays downloadable for lockfiles"
                + " that pin it). The reason is shown to users.")
final class RegistryYankCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private RegistryStoreOption store;

    @Parameters(index = "0", paramLabel = "ID", description = "The plugin id.")
    private String id;

    @Parameters(index = "1", paramLabel = "VERSION", description = "The version, such as 1.2.0.")
    private String version;

    @Option(names = "--reason", paramLabel = "TEXT", required = true, description = "Why, for users.")
    private String reason;

    @Override
    public Integer call() {
        long index = RegistryErrors.guarded(() -> store.open().yank(id, version, reason).version());
        spec.commandLine().getOut().println("Yanked " + id + " " + version + "; index version " + index);
        return 0;
    }
}
