package dev.presso.registry.server;

import dev.presso.registry.format.RegistryException;
import dev.presso.registry.internal.http.RegistryHandler;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The HTTP server of {@code presso registry serve} (Jetty 12): serves a store's public folder
 * read-only and accepts {@code POST /api/v1/publish} with a namespace's bearer token (the protocol
 * is in {@code registry/FORMAT.md}). It re-signs the index when less than half of its lifetime
 * remains, at start and periodically. {@link #close()} stops gracefully: new connections are
 * refused, requests in flight finish (up to the stop timeout).
 */
public final class RegistryServer implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(RegistryServer.class.getName());
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final Server server;
    private final ServerConnector connector;
    private final ScheduledExecutorService resigner;

    private RegistryServer(Server server, ServerConnector connector, ScheduledExecutorService resigner) {
        this.server = server;
        this.connector = connector;
        this.resigner = resigner;
    }

    /**
     * Starts a server.
     *
     * @param store the store to serve
     * @param host the address to bind, such as {@code 127.0.0.1} or {@code 0.0.0.0}
     * @param port the port, or 0 for any free one ({@link #port()} tells which)
     * @return the running server
     * @throws RegistryException ({@link RegistryException.Reason#IO}) if it cannot bind or start
     */
    public static RegistryServer start(RegistryStore store, String host, int port) {
        store.resignIfStale();
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("presso-registry");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendDateHeader(true);
        http.setRequestHeaderSize(16 * 1024);
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        server.setStopTimeout(STOP_TIMEOUT.toMillis());
        ScheduledExecutorService resigner = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "presso-registry-resign");
            thread.setDaemon(true);
            return thread;
        });
        try {
            server.setHandler(new GracefulHandler(new RegistryHandler(store)));
            server.start();
        } catch (Exception e) {
            resigner.shutdownNow();
            try {
                server.stop();
            } catch (Exception stop) {
                e.addSuppressed(stop);
            }
            throw new RegistryException(RegistryException.Reason.IO, "cannot start the registry server on " + host
                    + ":" + port + ": " + e.getMessage(), e);
        }
        long period = Math.max(60, Math.min(3600, store.settings().indexLifetime().toSeconds() / 4));
        resigner.scheduleAtFixedRate(() -> {
            try {
                store.resignIfStale();
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.ERROR, "cannot re-sign the registry index: " + e.getMessage(), e);
            }
        }, period, period, TimeUnit.SECONDS);
        return new RegistryServer(server, connector, resigner);
    }

    /**
     * Returns the bound port.
     *
     * @return the port
     */
    public int port() {
        return connector.getLocalPort();
    }

    /**
     * Returns the base URI, where {@code index.json} lies.
     *
     * @return such as {@code http://127.0.0.1:8080/}
     */
    public URI uri() {
        String host = connector.getHost() == null || connector.getHost().equals("0.0.0.0") ? "127.0.0.1"
                : connector.getHost();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/");
    }

    /**
     * Blocks until the server stops.
     *
     * @throws InterruptedException if interrupted while waiting
     */
    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops gracefully, letting requests in flight finish. */
    @Override
    public void close() {
        resigner.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new RegistryException(RegistryException.Reason.IO, "cannot stop the registry server: "
                    + e.getMessage(), e);
        }
    }
}
