package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.KernelApi;
import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * An Apache Felix framework embedded in the host, found with {@code ServiceLoader<FrameworkFactory>}.
 *
 * <p>The system bundle exports the kernel-api packages at the versions of the kernel-api jar's
 * manifest, so plugins share the host's kernel-api classes and import them with version ranges.
 * The bundle cache is a fresh temporary folder, deleted on {@link #close()}: it is disposable,
 * since the host reinstalls its plugins from its own state at every start. Felix's threads are not
 * daemons, so the owner must close it in a {@code finally}.
 */
final class EmbeddedFelix implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 30;
    /** Felix log level 2: errors and warnings reach {@link FelixLog}. */
    private static final String LOG_LEVEL = "2";

    private final Framework framework;
    private final Path cache;

    private EmbeddedFelix(Framework framework, Path cache) {
        this.framework = framework;
        this.cache = cache;
    }

    /**
     * Starts a framework.
     *
     * @param kernelApi the packages the system bundle exports
     * @return the running framework
     * @throws PressoException if no framework is on the class path or it fails to start
     */
    static EmbeddedFelix start(KernelApi kernelApi) {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class, EmbeddedFelix.class.getClassLoader())
                .findFirst().orElseThrow(() -> new PressoException("OSGi mode needs an OSGi framework on the class"
                        + " path (org.apache.felix.framework); none was found"));
        Path cache;
        try {
            cache = Files.createTempDirectory("presso-felix-");
        } catch (IOException e) {
            throw new PressoException("cannot create a temporary folder for the OSGi bundle cache: " + e.getMessage(), e);
        }
        Map<String, Object> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, cache.toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, kernelApi.systemPackages());
        config.put("felix.log.logger", new FelixLog());
        config.put("felix.log.level", LOG_LEVEL);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Map<String, String> felixConfig = (Map) config; // Felix reads the logger object from its configuration.
        Framework framework = factory.newFramework(felixConfig);
        try {
            framework.init();
            framework.start();
        } catch (BundleException | RuntimeException e) {
            stopQuietly(framework);
            deleteQuietly(cache);
            throw new PressoException("the OSGi framework failed to start: " + e.getMessage(), e);
        }
        return new EmbeddedFelix(framework, cache);
    }

    /** Returns the system bundle's context. @return the context */
    BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Refreshes bundles (the old revisions of updated and uninstalled ones are dropped, which lets
     * their class loaders go) and waits until Felix has finished.
     *
     * @param bundles the bundles to refresh, with their dependents
     * @throws PressoException if Felix does not finish in time or the thread is interrupted
     */
    void refresh(Collection<Bundle> bundles) {
        CountDownLatch done = new CountDownLatch(1);
        framework.adapt(FrameworkWiring.class).refreshBundles(bundles, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED || event.getType() == FrameworkEvent.ERROR) {
                done.countDown();
            }
        });
        try {
            if (!done.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new PressoException("the OSGi framework did not finish refreshing bundles in " + TIMEOUT_SECONDS
                        + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PressoException("interrupted while the OSGi framework refreshed bundles", e);
        }
    }

    /** Stops the framework, waits for its threads and deletes the bundle cache. */
    @Override
    public void close() {
        stopQuietly(framework);
        deleteQuietly(cache);
    }

    private static void stopQuietly(Framework framework) {
        try {
            framework.stop();
            framework.waitForStop(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        } catch (BundleException e) {
            System.getLogger("presso.osgi").log(System.Logger.Level.WARNING, "the OSGi framework failed to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path folder) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.getLogger("presso.osgi").log(System.Logger.Level.DEBUG, "could not delete the bundle cache " + folder, e);
        }
    }
}
