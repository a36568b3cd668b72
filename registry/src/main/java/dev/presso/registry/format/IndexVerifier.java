package dev.presso.registry.format;

import dev.presso.registry.format.RegistryException.Reason;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Decides whether an index can be trusted: signed by a trusted root key, not expired, and not
 * older than an index already seen. The caller persists {@link RegistryIndex#version()} of every
 * index it accepts and passes the highest back in; without that state rollback protection is void.
 * Thread-safe.
 */
public final class IndexVerifier {
    private final Map<String, VerificationKey> trusted = new LinkedHashMap<>();

    /**
     * Creates a verifier.
     *
     * @param trustedRootKeys the registry root keys the user trusts; a signature by any one of
     *     them suffices
     * @throws IllegalArgumentException if there are none
     */
    public IndexVerifier(Collection<VerificationKey> trustedRootKeys) {
        if (trustedRootKeys.isEmpty()) {
            throw new IllegalArgumentException("no trusted root key; a registry's index cannot be verified without one");
        }
        trustedRootKeys.forEach(k -> trusted.put(k.keyid(), k));
    }

    /**
     * Verifies an index.
     *
     * @param bytes the bytes of {@link RegistryLayout#INDEX}
     * @param source where they come from (a URL or file), for messages
     * @param now the current time
     * @param highestSeenVersion the highest index version accepted from this registry before, or
     *     0 if none
     * @return the index
     * @throws RegistryException with reason {@link Reason#MALFORMED} (not an index; the message
     *     names the member), {@link Reason#UNKNOWN_KEY} (no signature by a trusted key),
     *     {@link Reason#BAD_SIGNATURE} (a trusted key's signature does not match the content),
     *     {@link Reason#EXPIRED} (says when) or {@link Reason#ROLLBACK} (says both versions)
     */
    public RegistryIndex verify(byte[] bytes, String source, Instant now, long highestSeenVersion) {
        SignedEnvelope envelope = SignedEnvelope.parse(bytes, source);
        checkSignatures(envelope, source);
        RegistryIndex index;
        try {
            index = RegistryIndex.fromJson(envelope.signed());
        } catch (RegistryException e) {
            throw new RegistryException(e.reason(), source + ": " + e.getMessage(), e);
        }
        if (!index.expires().isAfter(now)) {
            throw new RegistryException(Reason.EXPIRED, source + ": the index of registry " + index.registry()
                    + " (version " + index.version() + ") expired at " + index.expires() + "; it is now " + now
                    + ". A stale or replayed index is refused; the registry must re-sign it");
        }
        if (index.version() < highestSeenVersion) {
            throw new RegistryException(Reason.ROLLBACK, source + ": index version " + index.version()
                    + " is older than version " + highestSeenVersion + " already seen from registry "
                    + index.registry() + "; refusing a rolled-back index");
        }
        return index;
    }

    private void checkSignatures(SignedEnvelope envelope, String source) {
        List<KeySignature> byTrusted = envelope.signatures().stream()
                .filter(s -> trusted.containsKey(s.keyid())).toList();
        if (byTrusted.isEmpty()) {
            String signers = envelope.signatures().isEmpty() ? "no key (it has no signatures)"
                    : envelope.signatures().stream().map(KeySignature::keyid).collect(Collectors.joining(", "));
            throw new RegistryException(Reason.UNKNOWN_KEY, source + ": the index is signed by " + signers
                    + ", none of which is a trusted root key (trusted: " + String.join(", ", trusted.keySet()) + ")");
        }
        byte[] signed = envelope.signedBytes();
        for (KeySignature signature : byTrusted) {
            if (!signature.verifiedBy(trusted.get(signature.keyid()), signed)) {
                throw new RegistryException(Reason.BAD_SIGNATURE, source + ": the signature by trusted key "
                        + signature.keyid() + " does not match the index content; the index was altered or corrupted");
            }
        }
    }
}
