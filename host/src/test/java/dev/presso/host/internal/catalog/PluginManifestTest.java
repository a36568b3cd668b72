package dev.presso.host.internal.catalog;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin ids, versions and kernel-api ranges read from manifests, and the compatibility check. */
class PluginManifestTest {
    private static final KernelApi HOST = KernelApi.of(manifest(
            "Export-Package: dev.presso.kernel;version=\"1.2.0\",dev.presso.kernel.method;version=\"1.3.0\";"
                    + "uses:=\"dev.presso.kernel\",org.example.other;version=\"9.0\""), "test kernel-api");

    private static Manifest manifest(String... lines) {
        String text = "Manifest-Version: 1.0\n" + String.join("\n", lines) + "\n";
        try {
            return new Manifest(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PluginManifest plugin(String... lines) {
        return PluginManifest.of(manifest(lines), "test.jar");
    }

    @Test
    void theIdIsTheHeaderElseTheSymbolicNameWithoutThePressoPrefix() {
        assertAll(
                () -> assertEquals("baselines", plugin("Bundle-SymbolicName: presso-plugin-baselines").id()),
                () -> assertEquals("org.example.gptq", plugin("Bundle-SymbolicName: org.example.gptq;singleton:=true")
                        .id()),
                () -> assertEquals("gptq", plugin("Bundle-SymbolicName: org.example.gptq", "Presso-Plugin-Id: gptq")
                        .id()),
                () -> assertEquals("presso-plugin-", plugin("Bundle-SymbolicName: presso-plugin-").id()));
    }

    @Test
    void readsTheVersionAndTheMandatoryKernelApiRange() {
        PluginManifest manifest = plugin("Bundle-SymbolicName: presso-plugin-rtn", "Bundle-Version: 0.4.1.beta",
                "Import-Package: org.jspecify.annotations;version=\"[1.0,2)\";resolution:=optional,"
                        + "dev.presso.kernel;version=\"[1.2,2)\",dev.presso.kernel.method;version=\"[1.2,2)\","
                        + "dev.presso.kernel.search;version=\"[1.0,2)\";resolution:=optional,java.util");
        assertAll(
                () -> assertEquals("0.4.1.beta", manifest.version().toString()),
                () -> assertEquals(3, manifest.kernelImports().size()),
                () -> assertEquals("[1.2,2)", manifest.kernelApiRange()),
                () -> assertEquals("0.0.0", plugin("Bundle-SymbolicName: x").version().toString()),
                () -> assertEquals("", plugin("Bundle-SymbolicName: x").kernelApiRange()));
    }

    @Test
    void malformedManifestsAreRefusedWithTheHeaderNamed() {
        PressoException noName = assertThrows(PressoException.class, () -> plugin("Bundle-Version: 1.0.0"));
        PressoException badVersion = assertThrows(PressoException.class,
                () -> plugin("Bundle-SymbolicName: x", "Bundle-Version: 1.x"));
        PressoException emptyRange = assertThrows(PressoException.class,
                () -> plugin("Bundle-SymbolicName: x", "Import-Package: dev.presso.kernel;version=\"[2,1)\""));
        PressoException badRange = assertThrows(PressoException.class,
                () -> plugin("Bundle-SymbolicName: x", "Import-Package: dev.presso.kernel;version=\"[1.0\""));
        PressoException badId = assertThrows(PressoException.class,
                () -> plugin("Bundle-SymbolicName: x", "Presso-Plugin-Id: ../evil"));
        assertAll(
                () -> assertTrue(noName.getMessage().startsWith("test.jar: not a plugin bundle: the manifest has no"
                        + " Bundle-SymbolicName"), noName.getMessage()),
                () -> assertTrue(badVersion.getMessage().contains("Bundle-Version '1.x' is not an OSGi version"),
                        badVersion.getMessage()),
                () -> assertTrue(emptyRange.getMessage().startsWith("test.jar: the Import-Package version '[2,1)' of"
                        + " dev.presso.kernel is an empty range"), emptyRange.getMessage()),
                () -> assertTrue(badRange.getMessage().contains("'[1.0' of dev.presso.kernel is not an OSGi version"
                        + " range"), badRange.getMessage()),
                () -> assertTrue(badId.getMessage().contains("plugin id '../evil' (from Presso-Plugin-Id) is not"
                        + " valid"), badId.getMessage()));
    }

    @Test
    void theHostRefusesRangesItsExportsDoNotSatisfy() {
        assertAll(
                () -> assertEquals(Optional.empty(), HOST.incompatibility(plugin("Bundle-SymbolicName: a",
                        "Import-Package: dev.presso.kernel;version=\"[1.0,2)\",dev.presso.kernel.method;version=\"[1.3,2)\""))),
                () -> assertEquals(Optional.of("plugin b 0.4.0 requires kernel-api [2.0,3); this host provides 1.2.0"),
                        HOST.incompatibility(plugin("Bundle-SymbolicName: b", "Bundle-Version: 0.4.0",
                                "Import-Package: dev.presso.kernel;version=\"[2.0,3)\""))),
                () -> assertEquals(Optional.of("plugin c 0.0.0 requires kernel-api [1.4,2); this host provides 1.3.0"),
                        HOST.incompatibility(plugin("Bundle-SymbolicName: c",
                                "Import-Package: dev.presso.kernel.method;version=\"[1.4,2)\""))),
                () -> assertEquals(Optional.of("plugin d 0.0.0 imports kernel-api package dev.presso.kernel.search"
                        + " [1.0,2), which this host's kernel-api 1.3.0 does not have"),
                        HOST.incompatibility(plugin("Bundle-SymbolicName: d",
                                "Import-Package: dev.presso.kernel.search;version=\"[1.0,2)\""))),
                () -> assertEquals(Optional.empty(), HOST.incompatibility(plugin("Bundle-SymbolicName: e",
                        "Import-Package: dev.presso.kernel.search;version=\"[1.0,2)\";resolution:=optional"))));
    }

    @Test
    void theSystemPackagesCarryTheManifestVersions() {
        assertEquals("dev.presso.kernel;version=\"1.2.0\",dev.presso.kernel.method;version=\"1.3.0\"",
                HOST.systemPackages());
    }

    @Test
    void theRunningHostsKernelApiIsReadFromItsJar() {
        KernelApi running = KernelApi.ofRunningHost();
        assertTrue(running.exports().keySet().containsAll(java.util.List.of("dev.presso.kernel",
                "dev.presso.kernel.method", "dev.presso.kernel.tensor")), running.exports()::toString);
    }

    @Test
    void aMissingOrUnreadableJarIsAUserError(@TempDir Path folder) throws IOException {
        Path notAJar = Files.writeString(folder.resolve("plugin.jar"), "hello");
        assertAll(
                () -> assertEquals(folder.resolve("none.jar") + ": no such file; expected a plugin jar",
                        assertThrows(PressoException.class, () -> PluginManifest.read(folder.resolve("none.jar")))
                                .getMessage()),
                () -> assertTrue(assertThrows(PressoException.class, () -> PluginManifest.read(notAJar)).getMessage()
                        .startsWith(notAJar + ": not a readable jar"), notAJar::toString));
    }
}
