package dev.presso.integration;

import dev.presso.kernel.search.SearchSpace;
import dev.presso.fixtures.CountingPluginContext;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.catalog.Catalog;
import dev.presso.host.internal.catalog.Provided;
import dev.presso.kernel.search.SearchStrategyProvider;
import dev.presso.kernel.search.SearchUnit;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** The fixture bundles this module builds, the real plugin jars, and ways to use them in tests. */
public final class Fixtures {
    /** Two units with 2 and 3 levels, for running search strategies. */
    private static final List<SearchUnit> UNITS = List.of(new SearchUnit("a", List.of(8L, 16L)),
            new SearchUnit("b", List.of(8L, 16L, 32L)));

    private Fixtures() {}

    /**
     * Returns a fixture bundle built by src/bnd/NAME.bnd.
     *
     * @param name such as {@code level-1}
     * @return the jar
     */
    public static Path bundle(String name) {
        Path folder = Path.of(System.getProperty("presso.fixtures", "target/fixtures"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(folder, "*-" + name + ".jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no fixture bundle " + name + " in " + folder + "; build with Maven");
    }

    /**
     * Returns the jar a class was loaded from (the real plugins are on the test class path).
     *
     * @param type a class
     * @return its jar
     */
    public static Path jarOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Copies a jar with another manifest.
     *
     * @param source the jar
     * @param manifest the new manifest
     * @param target the copy
     * @return the copy
     */
    public static Path withManifest(Path source, Manifest manifest, Path target) {
        try (JarFile in = new JarFile(source.toFile());
                OutputStream file = Files.newOutputStream(target);
                JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (!entry.getName().equals(JarFile.MANIFEST_NAME)) {
                    out.putNextEntry(new JarEntry(entry.getName()));
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /**
     * Unpacks a jar into a class folder, as an IDE or a reactor build leaves a plugin's classes.
     *
     * @param jar the jar
     * @param folder the folder to create
     * @param withManifest whether to keep META-INF/MANIFEST.MF
     * @return the folder
     */
    public static Path unpack(Path jar, Path folder, boolean withManifest) {
        try (JarFile in = new JarFile(jar.toFile())) {
            for (Enumeration<JarEntry> entries = in.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                Path target = folder.resolve(entry.getName());
                if (entry.isDirectory() || (!withManifest && entry.getName().equals(JarFile.MANIFEST_NAME))) {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream data = in.getInputStream(entry)) {
                    Files.copy(data, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return folder;
    }

    /**
     * Reads a jar's manifest.
     *
     * @param jar the jar
     * @return a copy of its manifest
     */
    public static Manifest manifestOf(Path jar) {
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            return new Manifest(in.getManifest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Makes a class loader whose class path is the given jars and which sees nothing of the test
     * class path except kernel-api, as a JVM started with only those plugins would.
     *
     * @param jars the plugin jars
     * @return the loader
     */
    public static URLClassLoader classPath(Path... jars) {
        List<URL> urls = new ArrayList<>();
        for (Path jar : jars) {
            try {
                urls.add(jar.toUri().toURL());
            } catch (MalformedURLException e) {
                throw new IllegalArgumentException(e);
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), new KernelApiOnly());
    }

    /**
     * Runs a search strategy of the catalog on two units with an unlimited budget.
     *
     * @param catalog the catalog
     * @param strategyId the strategy's id
     * @return the level index it chose for each unit
     */
    public static List<Integer> levelsChosenBy(Catalog catalog, String strategyId) {
        Provided<SearchStrategyProvider> provided = catalog.providers(SearchStrategyProvider.class).stream()
                .filter(p -> p.provider().id().equals(strategyId)).findFirst()
                .orElseThrow(() -> new AssertionError("no strategy " + strategyId + " in " + catalog.plugins()));
        try (ReferenceBackend backend = new ReferenceBackend()) {
            return provided.provider().create(java.util.Map.of())
                    .search(new SearchSpace(UNITS, Long.MAX_VALUE), (allocation, tokens) -> 0.0,
                            new CountingPluginContext(TensorRuntime.tensors(backend)))
                    .levels();
        }
    }

    /** A parent loader that delegates kernel-api classes to the test class path and hides the rest. */
    private static final class KernelApiOnly extends ClassLoader {
        KernelApiOnly() {
            super("kernel-api-only", ClassLoader.getPlatformClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (name.startsWith("dev.presso.kernel.")) {
                return Fixtures.class.getClassLoader().loadClass(name);
            }
            return super.loadClass(name, resolve);
        }
    }
}
