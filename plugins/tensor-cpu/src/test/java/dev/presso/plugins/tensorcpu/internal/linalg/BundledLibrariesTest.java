package dev.presso.plugins.tensorcpu.internal.linalg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledLibrariesTest {
    @TempDir
    Path temp;

    @Test
    void extractsJarResourcesIntoAHashedFolderAndReusesThem() throws IOException {
        Path jar = jar("v1", "alpha", "beta");
        Path cache = temp.resolve("cache");
        List<Path> first = resolve(jar, cache);
        assertEquals("alpha", Files.readString(first.get(0)));
        assertEquals("beta", Files.readString(first.get(1)));
        assertTrue(first.get(0).startsWith(cache));
        assertEquals(first.get(0).getParent(), first.get(1).getParent());
        assertEquals(first, resolve(jar, cache), "same content, same folder");
        try (var files = Files.list(first.get(0).getParent())) {
            assertEquals(2, files.count(), "no temporary files left behind");
        }
        List<Path> changed = resolve(jar("v2", "alpha", "gamma"), cache);
        assertNotEquals(first.get(0).getParent(), changed.get(0).getParent());
        assertEquals("gamma", Files.readString(changed.get(1)));
    }

    @Test
    void usesResourcesOnDiskInPlace() throws IOException {
        Path folder = Files.createDirectories(temp.resolve("classes/native"));
        Files.writeString(folder.resolve("liba.so"), "alpha");
        Files.writeString(folder.resolve("libb.so"), "beta");
        try (URLClassLoader loader = new URLClassLoader(
                new URL[] {temp.resolve("classes").toUri().toURL()}, null)) {
            List<Path> paths = new BundledLibraries(loader, "native/", temp.resolve("cache"))
                    .resolve(List.of("liba.so", "libb.so"));
            assertEquals(folder.resolve("liba.so").toRealPath(), paths.get(0).toRealPath());
            assertTrue(Files.notExists(temp.resolve("cache")));
        }
    }

    @Test
    void missingResourceIsAnIOExceptionNamingIt() throws IOException {
        Path jar = jar("v1", "alpha", "beta");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            IOException e = assertThrows(IOException.class, () -> new BundledLibraries(loader,
                    "native/", temp.resolve("cache")).resolve(List.of("liba.so", "absent.so")));
            assertTrue(e.getMessage().contains("native/absent.so"), e.getMessage());
        }
    }

    private List<Path> resolve(Path jar, Path cache) throws IOException {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            return new BundledLibraries(loader, "native/", cache)
                    .resolve(List.of("liba.so", "libb.so"));
        }
    }

    private Path jar(String name, String a, String b) throws IOException {
        Path jar = temp.resolve(name + ".jar");
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file)) {
            out.putNextEntry(new JarEntry("native/liba.so"));
            out.write(a.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            out.putNextEntry(new JarEntry("native/libb.so"));
            out.write(b.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }
}
