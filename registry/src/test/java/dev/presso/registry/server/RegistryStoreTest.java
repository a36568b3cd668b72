package dev.presso.registry.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.registry.TestBundles;
import dev.presso.registry.format.BundleVerifier;
import dev.presso.registry.format.IndexVerifier;
import dev.presso.registry.format.KeySignature;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.PluginVersion;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.format.VerificationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryStoreTest {
    @TempDir
    Path dir;

    @Test
    void publishWritesTheReleaseAndASignedIndexAHostAccepts() throws Exception {
        StoreFixture f = StoreFixture.create(dir);
        long before = f.store().index().version();
        PublishRequest request = f.request("acme.kmeans", "1.0.0");
        Release release = f.store().publish(f.acmeToken(), request);

        Path root = f.store().publicRoot();
        byte[] indexBytes = Files.readAllBytes(root.resolve(RegistryLayout.INDEX));
        RegistryIndex index = new IndexVerifier(List.of(VerificationKey.read(root.resolve(RegistryLayout.ROOT_KEY))))
                .verify(indexBytes, "index.json", Instant.now(), before);
        assertEquals(before + 1, index.version());
        byte[] bundle = Files.readAllBytes(root.resolve(release.bundle()));
        assertArrayEquals(request.bundle(), bundle);
        assertEquals(release, BundleVerifier.verify(index, "acme.kmeans", "1.0.0", bundle));
        assertEquals(request.descriptor(), PluginDescriptor.parse(Files.readAllBytes(
                root.resolve(RegistryLayout.descriptorPath("acme.kmeans", "1.0.0"))), "descriptor.json"));
        assertTrue(Files.isRegularFile(root.resolve(RegistryLayout.releasePath("acme.kmeans", "1.0.0"))));
        assertTrue(Files.isRegularFile(root.resolve(RegistryLayout.publisherKeyPath("acme", f.acmeKey().keyid()))));
        assertFalse(Files.readString(f.store().directory().resolve("private/tokens.json")).contains(f.acmeToken()));
        try (var stream = Files.walk(root)) {
            assertTrue(stream.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temp files left");
        }
    }

    @Test
    void reopensWithTheSameKeyAndContent() {
        StoreFixture f = StoreFixture.create(dir);
        f.store().publish(f.acmeToken(), f.request("acme.kmeans", "1.0.0"));
        RegistryStore again = RegistryStore.open(f.store().directory());
        assertEquals(f.store().rootKey(), again.rootKey());
        assertEquals(f.store().index(), again.index());
        assertEquals("acme", again.authenticate(f.acmeToken()));
    }

    @Test
    void refusesARepublishOfAnExistingVersion() {
        StoreFixture f = StoreFixture.create(dir);
        f.store().publish(f.acmeToken(), f.request("acme.kmeans", "1.0.0"));
        PublishRefusedException e = refusedAndNothingStored(f, () -> f.store().publish(f.acmeToken(),
                f.request("acme.kmeans", "1.0.0", 3000)));
        assertEquals(PublishRefusedException.Status.CONFLICT, e.status());
        assertTrue(e.getMessage().contains("acme.kmeans 1.0.0 is already published; versions are immutable"),
                e.getMessage());
    }

    @Test
    void refusesAWrongTokenAndAnotherNamespacesToken() {
        StoreFixture f = StoreFixture.create(dir);
        PublishRefusedException wrong = refusedAndNothingStored(f, () -> f.store().publish("prt_not-a-real-token-at-all",
                f.request("acme.kmeans", "1.0.0")));
        assertEquals(PublishRefusedException.Status.UNAUTHORIZED, wrong.status());
        PublishRefusedException other = refusedAndNothingStored(f, () -> f.store().publish(f.otherToken(),
                f.request("acme.kmeans", "1.0.0")));
        assertEquals(PublishRefusedException.Status.FORBIDDEN, other.status());
        assertTrue(other.getMessage().contains("namespace other, which does not own acme.kmeans"), other.getMessage());
    }

    @Test
    void refusesABundleSignedByAnUnknownKeyOrWithABadSignature() {
        StoreFixture f = StoreFixture.create(dir);
        PluginDescriptor d = TestBundles.descriptor("acme.kmeans", "1.0.0");
        byte[] bundle = TestBundles.bundle("acme.kmeans", "1.0.0", 100);
        PublishRefusedException unknown = refusedAndNothingStored(f, () -> f.store().publish(f.acmeToken(),
                PublishRequest.sign(SigningKey.generate(), d, bundle)));
        assertEquals(PublishRefusedException.Status.FORBIDDEN, unknown.status());
        assertTrue(unknown.getMessage().contains("not a key of namespace acme"), unknown.getMessage());
        PublishRefusedException notOwner = refusedAndNothingStored(f, () -> f.store().publish(f.acmeToken(),
                PublishRequest.sign(f.otherKey(), d, bundle)));
        assertTrue(notOwner.getMessage().contains("does not own namespace acme"), notOwner.getMessage());
        KeySignature overOther = PublishRequest.sign(f.acmeKey(), d, TestBundles.bundle("acme.kmeans", "1.0.0", 101))
                .signature();
        PublishRefusedException bad = refusedAndNothingStored(f, () -> f.store().publish(f.acmeToken(),
                new PublishRequest(d, bundle, overOther)));
        assertEquals(PublishRefusedException.Status.FORBIDDEN, bad.status());
        assertTrue(bad.getMessage().contains("does not match the release"), bad.getMessage());
    }

    @Test
    void refusesBundlesThatAreNotTheClaimedOsgiBundle() {
        StoreFixture f = StoreFixture.create(dir);
        assertBadBundle(f, "acme.kmeans", "1.0.0", "not a jar".getBytes(), "not a jar");
        assertBadBundle(f, "acme.kmeans", "1.0.0", TestBundles.bundle("acme.other", "1.0.0", 10),
                "the bundle is plugin 'acme.other' (from Bundle-SymbolicName acme.other), not 'acme.kmeans'");
        assertBadBundle(f, "acme.kmeans", "1.0.0", TestBundles.bundle("acme.kmeans", "1.0.1", 10),
                "the bundle is version 1.0.1 (Bundle-Version), not 1.0.0");
        assertBadBundle(f, "acme.kmeans", "1.0.0", TestBundles.jar(Map.of("Bundle-Version", "1.0.0"), "a", 1),
                "no Bundle-SymbolicName");
        assertBadBundle(f, "acme.kmeans", "1.0.0", TestBundles.jar(Map.of("Bundle-SymbolicName", "acme.kmeans",
                "Bundle-Version", "1.0.0"), "../../evil.sh", 1), "leaves the jar with '..'");
        byte[] corrupt = TestBundles.bundle("acme.kmeans", "1.0.0", 5000);
        corrupt[corrupt.length / 2] ^= 0x55;
        assertBadBundle(f, "acme.kmeans", "1.0.0", corrupt, "not a readable jar");
    }

    @Test
    void acceptsTheHostsIdRules() {
        StoreFixture f = StoreFixture.create(dir);
        byte[] prefixed = TestBundles.bundle("presso-plugin-acme.kmeans", "1.0", 10);
        f.store().publish(f.acmeToken(), PublishRequest.sign(f.acmeKey(),
                TestBundles.descriptor("acme.kmeans", "1.0.0"), prefixed));
        byte[] explicit = TestBundles.jar(Map.of("Bundle-SymbolicName", "com.acme.bundle;singleton:=true",
                "Presso-Plugin-Id", "acme.kmeans", "Bundle-Version", "1.1.0"), "x", 10);
        f.store().publish(f.acmeToken(), PublishRequest.sign(f.acmeKey(),
                TestBundles.descriptor("acme.kmeans", "1.1.0"), explicit));
        assertEquals(2, f.store().index().releases("acme.kmeans").size());
    }

    @Test
    void refusesAnOversizedBundle() {
        StoreFixture f = StoreFixture.create(dir);
        PublishRefusedException e = refusedAndNothingStored(f, () -> f.store().publish(f.acmeToken(),
                f.request("acme.kmeans", "1.0.0", (int) StoreFixture.MAX_BUNDLE + 10)));
        assertEquals(PublishRefusedException.Status.TOO_LARGE, e.status());
        assertTrue(e.getMessage().contains("accepts at most 65536"), e.getMessage());
    }

    @Test
    void yankAddsAnAdvisoryAndNeedsAPublishedVersion() {
        StoreFixture f = StoreFixture.create(dir);
        f.store().publish(f.acmeToken(), f.request("acme.kmeans", "1.0.0"));
        RegistryIndex index = f.store().yank("acme.kmeans", "1.0.0", "wrong cluster count");
        assertTrue(index.isYanked("acme.kmeans", PluginVersion.parse("1.0.0")));
        assertEquals(index, f.store().index());
        assertThrows(dev.presso.registry.format.RegistryException.class,
                () -> f.store().yank("acme.kmeans", "2.0.0", "no such version"));
    }

    @Test
    void resignsAStaleIndexWithAHigherVersion() {
        StoreFixture f = StoreFixture.create(dir);
        long version = f.store().index().version();
        assertFalse(f.store().resignIfStale(), "a fresh index is not re-signed");
        RegistryIndex next = f.store().resign();
        assertEquals(version + 1, next.version());
        assertTrue(next.expires().isAfter(Instant.now().plusSeconds(3000)));
    }

    @Test
    void initRefusesANonEmptyFolderAndOpenRefusesANonStore() throws Exception {
        Files.createDirectories(dir.resolve("full"));
        Files.writeString(dir.resolve("full/x"), "x");
        assertThrows(dev.presso.registry.format.RegistryException.class, () -> RegistryStore.init(dir.resolve("full"),
                "t", SigningKey.generate(), StoreSettings.DEFAULTS));
        var e = assertThrows(dev.presso.registry.format.RegistryException.class,
                () -> RegistryStore.open(dir.resolve("full")));
        assertTrue(e.getMessage().contains("is not a registry store"), e.getMessage());
    }

    private static void assertBadBundle(StoreFixture f, String id, String version, byte[] bundle, String expected) {
        PublishRefusedException e = refusedAndNothingStored(f, () -> f.store().publish(f.acmeToken(),
                PublishRequest.sign(f.acmeKey(), TestBundles.descriptor(id, version), bundle)));
        assertEquals(PublishRefusedException.Status.BAD_REQUEST, e.status(), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private static PublishRefusedException refusedAndNothingStored(StoreFixture f, Supplier<Release> publish) {
        List<String> files = f.publicFiles();
        long version = f.store().index().version();
        PublishRefusedException e = assertThrows(PublishRefusedException.class, publish::get);
        assertEquals(files, f.publicFiles(), "a refused publish stores nothing");
        assertEquals(version, f.store().index().version());
        return e;
    }
}
