package dev.presso.registry.client;

import dev.presso.registry.format.BundleVerifier;
import dev.presso.registry.format.IndexVerifier;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.RegistryException.Reason;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import dev.presso.registry.format.VerificationKey;
import java.net.URI;
import java.time.Clock;
import java.util.Collection;
import java.util.List;

/**
 * Fetches and verifies what a host takes from registries: a registry's index, trusted only when a
 * root key the user trusts signed it, it has not expired and it is not older than the newest index
 * already seen from that registry ({@link SeenVersions}); and bundles, trusted only when their size
 * and SHA-256 are the ones the verified index lists and their publisher's signature is valid with
 * a key that owns the plugin's namespace.
 *
 * <p>Verification never writes: a caller that acts on an index records its version with
 * {@link #remember} once it is done, so a refused operation leaves the state folder unchanged.
 */
public final class RegistryClient {
    /** The largest index accepted, in bytes. */
    public static final long MAX_INDEX_BYTES = 64L * 1024 * 1024;

    private final SeenVersions seen;
    private final Clock clock;

    /**
     * Creates a client.
     *
     * @param seen the highest index versions seen so far
     * @param clock the clock that decides whether an index expired
     */
    public RegistryClient(SeenVersions seen, Clock clock) {
        this.seen = seen;
        this.clock = clock;
    }

    /**
     * An index fetched from a registry and verified.
     *
     * @param root the registry's root address
     * @param index the index
     */
    public record VerifiedIndex(URI root, RegistryIndex index) {}

    /**
     * Fetches and verifies a registry's index.
     *
     * @param root the registry's root address ({@code file:} or {@code http(s):})
     * @param trustedRootKeys the registry root keys the user trusts
     * @return the verified index
     * @throws RegistryException if it cannot be fetched, or is malformed, signed by no trusted key,
     *     badly signed, expired or older than one already seen; the message names the address
     */
    public VerifiedIndex fetchIndex(URI root, Collection<VerificationKey> trustedRootKeys) {
        RegistryTransport transport = RegistryTransport.open(root);
        String key = transport.root().toString();
        URI address = transport.resolve(RegistryLayout.INDEX);
        byte[] bytes;
        try {
            bytes = transport.read(RegistryLayout.INDEX, MAX_INDEX_BYTES);
        } catch (RegistryException e) {
            if (e.reason() != Reason.NOT_FOUND) {
                throw e;
            }
            throw new RegistryException(Reason.NOT_FOUND, e.getMessage() + "; is " + transport.root() + " a registry?"
                    + " (a folder made by presso registry init is served from its public/ folder)", e);
        }
        RegistryIndex index = new IndexVerifier(trustedRootKeys).verify(bytes, address.toString(), clock.instant(),
                seen.highest(key).orElse(0));
        return new VerifiedIndex(transport.root(), index);
    }

    /**
     * Downloads a bundle and verifies it against a verified index.
     *
     * @param index the verified index of the registry to download from
     * @param id the plugin id
     * @param version the canonical version
     * @return the bundle's bytes
     * @throws RegistryException if the release is not listed, the download fails, or the bundle's
     *     size, hash or publisher signature is wrong; the message names the address
     */
    public byte[] fetchBundle(VerifiedIndex index, String id, String version) {
        Release release = index.index().release(id, version).orElseThrow(() -> new RegistryException(
                Reason.NOT_FOUND, id + " " + version + " is not in the index of registry " + index.index().registry()
                        + " (" + index.root() + ")"));
        RegistryTransport transport = RegistryTransport.open(index.root());
        URI address = transport.resolve(release.bundle());
        byte[] bundle = transport.read(release.bundle(), release.size());
        try {
            BundleVerifier.verify(index.index(), id, version, bundle);
        } catch (RegistryException e) {
            throw new RegistryException(e.reason(), address + ": " + e.getMessage(), e);
        }
        return bundle;
    }

    /**
     * Records the versions of indexes acted upon, so that older ones are refused from now on.
     *
     * @param indexes the verified indexes
     * @throws RegistryException ({@link Reason#IO}) if the record cannot be written
     */
    public void remember(List<VerifiedIndex> indexes) {
        indexes.forEach(i -> seen.record(i.root().toString(), i.index().version()));
    }
}
