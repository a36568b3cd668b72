package dev.presso.host.internal.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.registry.format.Conformance;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The publish check on real bundles compiled by the test, an honest one and one whose cost lies. */
class PublishCheckTest {
    @TempDir Path temp;

    private static CountingPluginContext context() {
        return new CountingPluginContext(TensorRuntime.tensors(new ReferenceBackend()));
    }

    @Test
    void anHonestMethodPassesInBothRuntimeModes() {
        Path jar = CompiledPlugin.build(temp.resolve("honest"), "acme.sign", 0);
        PublishCheck.Report report = PublishCheck.run(jar, context());
        assertTrue(report.ok(), report.failures().toString());
        assertEquals("acme.sign", report.manifest().id());
        assertEquals(List.of("sign"), report.provides().methods());
        assertEquals("signs times the mean magnitude per row", report.description());
        assertTrue(report.passed().containsAll(List.of("classpath method sign level 1bit",
                "osgi method sign level 1bit", "osgi: installs and starts")), report.passed().toString());
        Conformance conformance = report.conformance("presso-host test");
        assertTrue(conformance.passed());
        assertEquals(List.of("classpath", "osgi"), conformance.runtimes());
    }

    @Test
    void aMethodWhoseCostDiffersFromItsStorageFailsInBothModes() {
        Path jar = CompiledPlugin.build(temp.resolve("liar"), "acme.liar", 3);
        PublishCheck.Report report = PublishCheck.run(jar, context());
        assertFalse(report.ok());
        String expected = "method sign level 1bit: storageBits() is 1280 but costBits() promised 1283";
        assertEquals(List.of("classpath " + expected, "osgi " + expected), report.failures());
        assertFalse(report.conformance("presso-host test").passed());
        assertTrue(report.conformance("presso-host test").summary().startsWith("2 of "), report.conformance("x")
                .summary());
    }
}
