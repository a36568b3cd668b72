package dev.presso.host.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.search.SearchStrategy;
import dev.presso.kernel.search.SearchStrategyProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One broken services entry is reported and the entries after it still load. */
class ProviderScanTest {
    @Test
    void reportsEachBrokenEntryAndKeepsLoadingTheRest(@TempDir Path folder) throws IOException {
        Path services = folder.resolve("META-INF/services/" + SearchStrategyProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, String.join("\n", "does.not.Exist", Throwing.class.getName(),
                BlankId.class.getName(), ProviderScanTest.class.getName(), Working.class.getName()) + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, new NoResources())) {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            List<ProviderScan.Entry> entries = ProviderScan.scan(loader, type -> true);
            List<String> failures = entries.stream().filter(ProviderScan.Failed.class::isInstance)
                    .map(e -> ((ProviderScan.Failed) e).reason()).toList();
            assertAll(
                    () -> assertEquals(List.of("working"), entries.stream().filter(ProviderScan.Loaded.class::isInstance)
                            .map(e -> ((ProviderScan.Loaded) e).id()).toList()),
                    () -> assertEquals(4, failures.size(), failures::toString),
                    () -> assertTrue(failures.get(0).contains("does.not.Exist not found"), failures::toString),
                    () -> assertTrue(failures.get(1).contains("could not be instantiated: java.lang.IllegalStateException:"
                            + " no provider today"), failures::toString),
                    () -> assertTrue(failures.get(2).endsWith("gave a blank search id"), failures::toString),
                    () -> assertTrue(failures.get(3).contains("ProviderScanTest not a subtype"), failures::toString),
                    () -> assertEquals(Optional.of(Throwing.class),
                            ((ProviderScan.Failed) entries.get(1)).type().map(t -> (Object) t)),
                    // The context class loader set for each provider's constructor is restored.
                    () -> assertEquals(context, Thread.currentThread().getContextClassLoader()));
        }
    }

    @Test
    void skipsClassesTheFilterRejectsWithoutCreatingThem(@TempDir Path folder) throws IOException {
        Path services = folder.resolve("META-INF/services/" + SearchStrategyProvider.class.getName());
        Files.createDirectories(services.getParent());
        Files.writeString(services, Throwing.class.getName() + "\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, new NoResources())) {
            assertEquals(List.of(), ProviderScan.scan(loader, type -> type != Throwing.class));
        }
    }

    /** Sees the test's classes but none of its resources, so only the folder's services file counts. */
    private static final class NoResources extends ClassLoader {
        NoResources() {
            super(ProviderScanTest.class.getClassLoader());
        }

        @Override
        public URL getResource(String name) {
            return null;
        }

        @Override
        public Enumeration<URL> getResources(String name) {
            return Collections.emptyEnumeration();
        }
    }

    /** A provider with the given id. */
    private abstract static class Base implements SearchStrategyProvider {
        @Override
        public String description() {
            return "test";
        }

        @Override
        public List<PluginOption> options() {
            return List.of();
        }

        @Override
        public SearchStrategy create(Map<String, String> settings) {
            throw new UnsupportedOperationException("not used by the scan");
        }
    }

    /** Works. */
    public static final class Working extends Base {
        @Override
        public String id() {
            return "working";
        }
    }

    /** Throws in its constructor. */
    public static final class Throwing extends Base {
        /** Throws. */
        public Throwing() {
            throw new IllegalStateException("no provider today");
        }

        @Override
        public String id() {
            return "throwing";
        }
    }

    /** Gives a blank id. */
    public static final class BlankId extends Base {
        @Override
        public String id() {
            return " ";
        }
    }
}
