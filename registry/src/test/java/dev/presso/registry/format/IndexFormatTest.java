package dev.presso.registry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.TestBundles;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndexFormatTest {
    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    /** A signed index with one publisher and one release, and the keys that made it. */
    record Fixture(SigningKey root, SigningKey publisher, byte[] bundle, RegistryIndex index) {
        static Fixture create() {
            SigningKey root = SigningKey.generate();
            SigningKey publisher = SigningKey.generate();
            byte[] bundle = TestBundles.bundle("acme.kmeans", "1.0.0", 500);
            PluginDescriptor descriptor = TestBundles.descriptor("acme.kmeans", "1.0.0");
            Release release = new Release(RegistryLayout.bundlePath("acme.kmeans", "1.0.0"), Sha256.hex(bundle),
                    bundle.length, NOW, ReleaseStatement.sign(publisher, descriptor, bundle), descriptor);
            RegistryIndex index = RegistryIndex.empty("test", NOW.plusSeconds(3600)).next(NOW.plusSeconds(3600))
                    .withPublisher(new Publisher("acme", List.of(publisher.publicKey())))
                    .withRelease(release)
                    .withAdvisory(new Advisory("acme.kmeans", Advisory.Kind.YANKED, "[1.0.0,1.0.0]", "broken", NOW));
            return new Fixture(root, publisher, bundle, index);
        }

        byte[] signedBytes() {
            return index.sign(List.of(root)).toBytes();
        }
    }

    @Test
    void indexRoundTripsThroughItsJson() {
        Fixture f = Fixture.create();
        RegistryIndex again = RegistryIndex.fromJson(SignedEnvelope.parse(f.signedBytes(), "index.json").signed());
        assertEquals(f.index(), again);
        assertEquals(1, again.version());
        assertEquals("plugins/acme.kmeans/1.0.0/acme.kmeans-1.0.0.jar",
                again.release("acme.kmeans", "1.0.0").orElseThrow().bundle());
        assertTrue(again.isYanked("acme.kmeans", PluginVersion.parse("1.0.0")));
        assertEquals("acme", again.ownerOf("acme.kmeans").orElseThrow().namespace());
    }

    @Test
    void descriptorRoundTripsAndOmitsAbsentOptionals() {
        PluginDescriptor d = new PluginDescriptor("acme.x", "2.0.0", "[1.0,2)", Provides.NONE,
                java.util.Map.of("acme.base", "[1.0,2)"), "x", null, null);
        String text = CanonicalJson.toText(d.toJson());
        assertEquals("{\"description\":\"x\",\"id\":\"acme.x\",\"kernelApi\":\"[1.0,2)\",\"provides\":{\"evaluators\":[],"
                + "\"methods\":[],\"searches\":[],\"tensors\":[]},\"requires\":{\"acme.base\":\"[1.0,2)\"},"
                + "\"version\":\"2.0.0\"}", text);
        assertEquals(d, PluginDescriptor.parse(text.getBytes(StandardCharsets.UTF_8), "descriptor.json"));
    }

    @Test
    void malformedIndexNamesTheMemberAndWhatWasExpected() {
        Fixture f = Fixture.create();
        assertMalformed(f, n -> release(n).put("sha256", "XYZ"),
                "/signed/plugins/acme.kmeans/1.0.0/sha256: \"XYZ\" is not valid; expected 64 lower-case hex digits");
        assertMalformed(f, n -> release(n).remove("size"),
                "/signed/plugins/acme.kmeans/1.0.0: the member \"size\" is missing");
        assertMalformed(f, n -> release(n).put("bundle", "../../etc/passwd"),
                "/signed/plugins/acme.kmeans/1.0.0/bundle: \"../../etc/passwd\" is not where the layout keeps");
        assertMalformed(f, n -> n.put("surprise", 1), "/signed/surprise: unknown member");
        assertMalformed(f, n -> n.put("expires", "tomorrow"), "/signed/expires: \"tomorrow\" is not an instant");
        assertMalformed(f, n -> n.put("version", "7"), "/signed/version: expected an integer, got the string \"7\"");
        assertMalformed(f, n -> n.put("type", "other"), "/signed/type: \"other\" is not a registry index");
        assertMalformed(f, n -> ((ObjectNode) release(n).get("descriptor")).put("id", "../evil"),
                "/signed/plugins/acme.kmeans/1.0.0/descriptor/id: \"../evil\" is not a plugin id");
        assertMalformed(f, n -> ((ObjectNode) release(n).get("descriptor")).put("kernelApi", "[2,1]"),
                "/signed/plugins/acme.kmeans/1.0.0/descriptor/kernelApi: '[2,1]' is an empty range");
    }

    private static ObjectNode release(ObjectNode signed) {
        return (ObjectNode) signed.get("plugins").get("acme.kmeans").get("1.0.0");
    }

    private static void assertMalformed(Fixture f, java.util.function.Consumer<ObjectNode> damage, String expected) {
        ObjectNode signed = f.index().toJson();
        damage.accept(signed);
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryIndex.fromJson(signed));
        assertEquals(RegistryException.Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().startsWith(expected), "got: " + e.getMessage() + "\nexpected: " + expected);
    }
}
