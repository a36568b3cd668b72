package dev.presso.registry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.TestBundles;
import dev.presso.registry.format.IndexFormatTest.Fixture;
import dev.presso.registry.format.RegistryException.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifiersTest {
    private static final java.time.Instant NOW = IndexFormatTest.NOW;

    @TempDir
    Path dir;

    @Test
    void acceptsAGoodIndexAndBundle() throws Exception {
        Fixture f = Fixture.create();
        RegistryIndex index = new IndexVerifier(List.of(f.root().publicKey())).verify(f.signedBytes(), "index.json",
                NOW, 1);
        assertEquals(f.index(), index);
        assertEquals("acme.kmeans", BundleVerifier.verify(index, "acme.kmeans", "1.0.0", f.bundle()).id());
        Path file = dir.resolve("b.jar");
        Files.write(file, f.bundle());
        BundleVerifier.verify(index, "acme.kmeans", "1.0.0", file);
        BundleVerifier.verify(index.release("acme.kmeans", "1.0.0").orElseThrow(), f.bundle(),
                List.of(f.publisher().publicKey()));
    }

    @Test
    void reindentedIndexStillVerifies() throws Exception {
        Fixture f = Fixture.create();
        var tree = CanonicalJson.parse(f.signedBytes(), "index.json");
        String pretty = new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValueAsString(tree);
        assertTrue(pretty.contains("\n  \"signed\" : {"), pretty);
        new IndexVerifier(List.of(f.root().publicKey())).verify(pretty.getBytes(StandardCharsets.UTF_8), "mirror",
                NOW, 0);
    }

    @Test
    void refusesAnIndexWithABadSignature() {
        Fixture f = Fixture.create();
        String text = new String(f.signedBytes(), StandardCharsets.UTF_8).replace("\"size\":", "\"size\":1");
        RegistryException e = refuse(f, text.getBytes(StandardCharsets.UTF_8), 0);
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("does not match the index content"), e.getMessage());
    }

    @Test
    void refusesAnIndexSignedByAnUnknownKey() {
        Fixture f = Fixture.create();
        byte[] bytes = f.index().sign(List.of(SigningKey.generate())).toBytes();
        RegistryException e = refuse(f, bytes, 0);
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertTrue(e.getMessage().contains("none of which is a trusted root key"), e.getMessage());
        byte[] unsigned = new SignedEnvelope(f.index().toJson(), List.of()).toBytes();
        assertEquals(Reason.UNKNOWN_KEY, refuse(f, unsigned, 0).reason());
    }

    @Test
    void refusesAnExpiredIndexSayingWhen() {
        Fixture f = Fixture.create();
        RegistryException e = assertThrows(RegistryException.class, () -> new IndexVerifier(
                List.of(f.root().publicKey())).verify(f.signedBytes(), "index.json", NOW.plusSeconds(3600), 0));
        assertEquals(Reason.EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("expired at 2026-11-25T13:00:00Z; it is now 2026-11-25T13:00:00Z"),
                e.getMessage());
    }

    @Test
    void refusesARolledBackIndex() {
        Fixture f = Fixture.create();
        byte[] v4 = withVersion(f, 4);
        RegistryException e = refuse(f, v4, 7);
        assertEquals(Reason.ROLLBACK, e.reason());
        assertTrue(e.getMessage().contains("index version 4 is older than version 7 already seen"), e.getMessage());
        assertEquals(7, new IndexVerifier(List.of(f.root().publicKey()))
                .verify(withVersion(f, 7), "index.json", NOW, 7).version());
    }

    @Test
    void refusesAMalformedIndexNamingTheMember() {
        Fixture f = Fixture.create();
        ObjectNode signed = f.index().toJson();
        signed.remove("publishers");
        byte[] bytes = SignedEnvelope.sign(signed, List.of(f.root())).toBytes();
        RegistryException e = refuse(f, bytes, 0);
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().equals("index.json: /signed: the member \"publishers\" is missing"), e.getMessage());
        assertEquals(Reason.MALFORMED, refuse(f, "{\"signed\":{}}".getBytes(StandardCharsets.UTF_8), 0).reason());
        assertEquals(Reason.MALFORMED, refuse(f, "<html>".getBytes(StandardCharsets.UTF_8), 0).reason());
    }

    @Test
    void refusesAModifiedOrTruncatedBundle() {
        Fixture f = Fixture.create();
        byte[] modified = f.bundle().clone();
        modified[modified.length / 2] ^= 1;
        RegistryException hash = assertThrows(RegistryException.class,
                () -> BundleVerifier.verify(f.index(), "acme.kmeans", "1.0.0", modified));
        assertEquals(Reason.HASH_MISMATCH, hash.reason());
        assertTrue(hash.getMessage().contains("SHA-256"), hash.getMessage());
        byte[] truncated = java.util.Arrays.copyOf(f.bundle(), f.bundle().length - 1);
        assertEquals(Reason.SIZE_MISMATCH, assertThrows(RegistryException.class,
                () -> BundleVerifier.verify(f.index(), "acme.kmeans", "1.0.0", truncated)).reason());
        assertEquals(Reason.NOT_FOUND, assertThrows(RegistryException.class,
                () -> BundleVerifier.verify(f.index(), "acme.kmeans", "9.0.0", f.bundle())).reason());
    }

    @Test
    void refusesABundleSignedByAnUnknownKeyOrAnotherNamespace() {
        Fixture f = Fixture.create();
        SigningKey stranger = SigningKey.generate();
        RegistryIndex strangerSigned = resigned(f, stranger);
        RegistryException unknown = assertThrows(RegistryException.class,
                () -> BundleVerifier.verify(strangerSigned, "acme.kmeans", "1.0.0", f.bundle()));
        assertEquals(Reason.UNKNOWN_KEY, unknown.reason());
        assertTrue(unknown.getMessage().contains("not a key of namespace acme"), unknown.getMessage());

        RegistryIndex otherNamespace = strangerSigned.withPublisher(new Publisher("evil",
                List.of(stranger.publicKey())));
        RegistryException owner = assertThrows(RegistryException.class,
                () -> BundleVerifier.verify(otherNamespace, "acme.kmeans", "1.0.0", f.bundle()));
        assertEquals(Reason.NOT_OWNER, owner.reason());

        assertEquals(Reason.UNKNOWN_KEY, assertThrows(RegistryException.class, () -> BundleVerifier.verify(
                f.index().release("acme.kmeans", "1.0.0").orElseThrow(), f.bundle(),
                List.of(stranger.publicKey()))).reason());
    }

    @Test
    void refusesAReleaseWhoseDescriptorWasAltered() {
        Fixture f = Fixture.create();
        Release original = f.index().release("acme.kmeans", "1.0.0").orElseThrow();
        PluginDescriptor d = original.descriptor();
        PluginDescriptor widened = new PluginDescriptor(d.id(), d.version(), "[1.0,9)", d.provides(), d.requires(),
                d.description(), d.readme(), d.conformance());
        RegistryIndex altered = f.index().withRelease(new Release(original.bundle(), original.sha256(),
                original.size(), original.published(), original.signature(), widened));
        RegistryException e = assertThrows(RegistryException.class,
                () -> BundleVerifier.verify(altered, "acme.kmeans", "1.0.0", f.bundle()));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    private static RegistryIndex resigned(Fixture f, SigningKey signer) {
        Release r = f.index().release("acme.kmeans", "1.0.0").orElseThrow();
        return f.index().withRelease(new Release(r.bundle(), r.sha256(), r.size(), r.published(),
                ReleaseStatement.sign(signer, r.descriptor(), f.bundle()), r.descriptor()));
    }

    private static byte[] withVersion(Fixture f, long version) {
        RegistryIndex i = f.index();
        return new RegistryIndex(i.registry(), version, i.expires(), i.publishers(), i.plugins(), i.advisories())
                .sign(List.of(f.root())).toBytes();
    }

    private static RegistryException refuse(Fixture f, byte[] bytes, long seen) {
        return assertThrows(RegistryException.class,
                () -> new IndexVerifier(List.of(f.root().publicKey())).verify(bytes, "index.json", NOW, seen));
    }

    static byte[] bundle() {
        return TestBundles.bundle("acme.kmeans", "1.0.0", 10);
    }
}
