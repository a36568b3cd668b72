package dev.presso.registry.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.registry.format.RegistryException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An Ed25519 public key and its key id.
 *
 * <p>The key id is the SHA-256 of the key's X.509 SubjectPublicKeyInfo DER encoding, first 16
 * bytes, as 32 lower-case hex digits. In JSON a key is {@code {"keyid": ID, "publicKey": BASE64}}
 * where BASE64 is the standard base64 of that DER encoding; on disk it is a PEM
 * {@code PUBLIC KEY} block.
 *
 * @param keyid the key id
 * @param key the JDK key
 */
public record VerificationKey(String keyid, PublicKey key) {
    /** The form of a key id. */
    public static final Pattern KEYID = Pattern.compile("[0-9a-f]{32}");

    /**
     * Checks the key id against the key.
     *
     * @param keyid the key id
     * @param key the key
     * @throws RegistryException ({@link Reason#INVALID_KEY}) if the key is not Ed25519 or the
     *     id does not belong to it
     */
    public VerificationKey {
        if (!(key instanceof EdECPublicKey ed) || !ed.getParams().getName().equals("Ed25519")) {
            throw new RegistryException(Reason.INVALID_KEY, "key " + keyid + " is a " + key.getAlgorithm()
                    + " key; expected Ed25519");
        }
        String actual = keyidOf(key.getEncoded());
        if (!actual.equals(keyid)) {
            throw new RegistryException(Reason.INVALID_KEY, "key id " + keyid + " does not match its key, whose id is "
                    + actual);
        }
    }

    /**
     * Wraps a JDK key, computing its id.
     *
     * @param key an Ed25519 public key
     * @return the key
     */
    public static VerificationKey of(PublicKey key) {
        return new VerificationKey(keyidOf(key.getEncoded()), key);
    }

    /**
     * Decodes an X.509 SubjectPublicKeyInfo DER encoding.
     *
     * @param der the encoding
     * @param source what it is, for messages
     * @return the key
     * @throws RegistryException ({@link Reason#INVALID_KEY}) if it is not an Ed25519 public key
     */
    public static VerificationKey fromDer(byte[] der, String source) {
        try {
            return of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | ClassCastException e) {
            throw new RegistryException(Reason.INVALID_KEY, source + ": not an Ed25519 public key ("
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a PEM text holding a {@code PUBLIC KEY} block (other blocks are ignored).
     *
     * @param pem the text
     * @param source where it comes from, for messages
     * @return the key
     * @throws RegistryException ({@link Reason#INVALID_KEY}) if there is no Ed25519 public key
     */
    public static VerificationKey fromPem(String pem, String source) {
        return Pem.read(pem, source).stream()
                .filter(b -> b.label().equals("PUBLIC KEY"))
                .findFirst()
                .map(b -> fromDer(b.der(), source))
                .orElseThrow(() -> new RegistryException(Reason.INVALID_KEY, source
                        + ": no -----BEGIN PUBLIC KEY----- block; expected an Ed25519 public key file"));
    }

    /**
     * Reads a public key file ({@code .pub}, PEM). A private key file written by
     * {@link SigningKey#write(Path)} is accepted too, since it carries the public block.
     *
     * @param file the file
     * @return the key
     * @throws RegistryException if the file is unreadable or holds no Ed25519 public key
     */
    public static VerificationKey read(Path file) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads the JSON form {@code {"keyid": ..., "publicKey": ...}}.
     *
     * @param node the value
     * @param pointer its JSON Pointer, for messages
     * @return the key
     * @throws RegistryException ({@link Reason#MALFORMED}) naming the member that is wrong
     */
    public static VerificationKey fromJson(JsonNode node, String pointer) {
        Fields fields = Fields.of(node, pointer);
        String keyid = fields.text("keyid", KEYID, "32 lower-case hex digits");
        String encoded = fields.text("publicKey");
        fields.done();
        byte[] der;
        try {
            der = Base64.getDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            throw Fields.malformed(fields.pointer("publicKey"), "not base64; expected the base64 X.509 encoding of an"
                    + " Ed25519 public key");
        }
        VerificationKey key;
        try {
            key = fromDer(der, pointer + "/publicKey");
        } catch (RegistryException e) {
            throw new RegistryException(Reason.MALFORMED, e.getMessage(), e);
        }
        if (!key.keyid.equals(keyid)) {
            throw Fields.malformed(fields.pointer("keyid"), keyid + " is not the id of the key; expected "
                    + key.keyid);
        }
        return key;
    }

    /**
     * Writes the JSON form.
     *
     * @return {@code {"keyid": ..., "publicKey": ...}}
     */
    public ObjectNode toJson() {
        ObjectNode node = CanonicalJson.object();
        node.put("keyid", keyid);
        node.put("publicKey", Base64.getEncoder().encodeToString(key.getEncoded()));
        return node;
    }

    /**
     * Writes the PEM form.
     *
     * @return a {@code PUBLIC KEY} block
     */
    public String toPem() {
        return Pem.write("PUBLIC KEY", key.getEncoded());
    }

    /**
     * Checks a signature.
     *
     * @param data the signed bytes
     * @param signature the Ed25519 signature (64 bytes)
     * @return whether it is this key's signature over the data
     */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(data);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Computes a key id.
     *
     * @param x509Der the X.509 SubjectPublicKeyInfo encoding
     * @return 32 lower-case hex digits
     */
    public static String keyidOf(byte[] x509Der) {
        return HexFormat.of().formatHex(Arrays.copyOf(Sha256.digest(x509Der), 16));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof VerificationKey k && k.keyid.equals(keyid);
    }

    @Override
    public int hashCode() {
        return keyid.hashCode();
    }

    @Override
    public String toString() {
        return "Ed25519 key " + keyid;
    }
}
