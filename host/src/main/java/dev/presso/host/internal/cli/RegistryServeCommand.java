package dev.presso.host.internal.cli;

import dev.presso.registry.server.RegistryServer;
import dev.presso.registry.server.RegistryStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code presso registry serve --root DIR --port N}: serves a registry over HTTP until stopped. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve a registry over HTTP until Ctrl-C: the static files read-only, and POST /api/v1/publish"
                + " for publishers with their upload token. The index is re-signed before it expires.")
final class RegistryServeCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;
    @Mixin private RegistryStoreOption store;

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "The TCP port; 0 picks a free one. Default: 8080.")
    private int port;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on; 0.0.0.0 for every interface. Default: 127.0.0.1.")
    private String host;

    @Override
    public Integer call() {
        RegistryStore opened = store.open();
        RegistryServer server = RegistryErrors.guarded(() -> RegistryServer.start(opened, host, port));
        Thread stop = new Thread(server::close, "presso-registry-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            spec.commandLine().getOut().println("Serving registry " + opened.index().registry() + " from "
                    + opened.publicRoot() + " at " + server.uri() + " (Ctrl-C stops)");
            spec.commandLine().getOut().flush();
            server.join();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            spec.commandLine().getOut().println("Stopped serving.");
            return 0;
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // The JVM is shutting down: the hook is running or ran; nothing to remove.
            }
        }
    }
}
