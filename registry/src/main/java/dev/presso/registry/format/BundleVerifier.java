package dev.presso.registry.format;

import dev.presso.registry.format.RegistryException.Reason;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides whether a downloaded bundle is the release an index lists: same size and SHA-256, and
 * a valid publisher signature over the release statement by a key that owns the plugin's
 * namespace.
 */
public final class BundleVerifier {
    private BundleVerifier() {}

    /**
     * Verifies a bundle against a verified index, trusting the publisher keys the index lists.
     *
     * @param index a verified index ({@link IndexVerifier})
     * @param id the plugin id
     * @param version the canonical version
     * @param bundle the downloaded bytes
     * @return the release
     * @throws RegistryException with reason {@link Reason#NOT_FOUND}, {@link Reason#SIZE_MISMATCH},
     *     {@link Reason#HASH_MISMATCH}, {@link Reason#UNKNOWN_KEY} (the signing key is not one the
     *     index lists), {@link Reason#NOT_OWNER} (the key belongs to another namespace) or
     *     {@link Reason#BAD_SIGNATURE}
     */
    public static Release verify(RegistryIndex index, String id, String version, byte[] bundle) {
        Release release = index.release(id, version).orElseThrow(() -> new RegistryException(Reason.NOT_FOUND,
                id + " " + version + " is not in the index of registry " + index.registry()));
        checkContent(release, bundle.length, Sha256.hex(bundle));
        checkPublisher(index, release);
        return release;
    }

    /**
     * Verifies a bundle file against a verified index; see {@link #verify(RegistryIndex, String,
     * String, byte[])}.
     *
     * @param index a verified index
     * @param id the plugin id
     * @param version the canonical version
     * @param bundle the downloaded file
     * @return the release
     * @throws RegistryException as the byte variant, or {@link Reason#IO} if the file is unreadable
     */
    public static Release verify(RegistryIndex index, String id, String version, Path bundle) {
        Release release = index.release(id, version).orElseThrow(() -> new RegistryException(Reason.NOT_FOUND,
                id + " " + version + " is not in the index of registry " + index.registry()));
        long size;
        try {
            size = Files.size(bundle);
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read " + bundle + ": " + e.getMessage(), e);
        }
        checkContent(release, size, size == release.size() ? Sha256.hex(bundle) : "");
        checkPublisher(index, release);
        return release;
    }

    /**
     * Verifies a bundle against a release with publisher keys the caller chooses (for example
     * keys the user pinned for a namespace).
     *
     * @param release the release
     * @param bundle the bytes
     * @param publisherKeys the keys allowed to sign the release
     * @throws RegistryException with reason {@link Reason#SIZE_MISMATCH},
     *     {@link Reason#HASH_MISMATCH}, {@link Reason#UNKNOWN_KEY} or {@link Reason#BAD_SIGNATURE}
     */
    public static void verify(Release release, byte[] bundle, Collection<VerificationKey> publisherKeys) {
        checkContent(release, bundle.length, Sha256.hex(bundle));
        VerificationKey key = publisherKeys.stream().filter(k -> k.keyid().equals(release.signature().keyid()))
                .findFirst().orElseThrow(() -> unknownKey(release));
        checkSignature(release, key);
    }

    /**
     * Checks a release's publisher signature against the publishers an index lists (what the
     * store does before accepting an upload, and a host after checking content).
     *
     * @param index the index naming the publishers
     * @param release the release
     * @throws RegistryException with reason {@link Reason#UNKNOWN_KEY}, {@link Reason#NOT_OWNER} or
     *     {@link Reason#BAD_SIGNATURE}
     */
    public static void checkPublisher(RegistryIndex index, Release release) {
        String keyid = release.signature().keyid();
        String namespace = PluginId.namespaceOf(release.id());
        Optional<VerificationKey> key = index.ownerOf(release.id()).flatMap(p -> p.key(keyid));
        if (key.isEmpty()) {
            Optional<Publisher> other = index.publishers().values().stream()
                    .filter(p -> p.key(keyid).isPresent()).findFirst();
            if (other.isPresent()) {
                throw new RegistryException(Reason.NOT_OWNER, release.id() + " " + release.version()
                        + " is signed by key " + keyid + " of namespace " + other.get().namespace()
                        + ", which does not own namespace " + namespace);
            }
            throw unknownKey(release);
        }
        checkSignature(release, key.get());
    }

    private static void checkContent(Release release, long size, String sha256) {
        if (size != release.size()) {
            throw new RegistryException(Reason.SIZE_MISMATCH, release.id() + " " + release.version() + ": the bundle has "
                    + size + " bytes; the index lists " + release.size());
        }
        if (!sha256.equals(release.sha256())) {
            throw new RegistryException(Reason.HASH_MISMATCH, release.id() + " " + release.version()
                    + ": the bundle's SHA-256 is " + sha256 + "; the index lists " + release.sha256()
                    + ". The bundle was altered or corrupted");
        }
    }

    private static void checkSignature(Release release, VerificationKey key) {
        if (!release.signature().verifiedBy(key, release.statement())) {
            throw new RegistryException(Reason.BAD_SIGNATURE, release.id() + " " + release.version()
                    + ": the publisher signature by key " + key.keyid() + " does not match the release");
        }
    }

    private static RegistryException unknownKey(Release release) {
        return new RegistryException(Reason.UNKNOWN_KEY, release.id() + " " + release.version() + " is signed by key "
                + release.signature().keyid() + ", which is not a key of namespace "
                + PluginId.namespaceOf(release.id()));
    }
}
