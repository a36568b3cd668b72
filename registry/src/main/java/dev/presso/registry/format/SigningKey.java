package dev.presso.registry.format;

import dev.presso.registry.format.RegistryException.Reason;
import dev.presso.registry.internal.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.List;

/**
 * An Ed25519 private key with its public half, for signing indexes (the registry's root key) and
 * releases (a publisher's key).
 *
 * <p>Key file: PEM text with a {@code PRIVATE KEY} block (PKCS#8 DER) followed by a
 * {@code PUBLIC KEY} block (X.509 SubjectPublicKeyInfo DER); the JDK cannot derive the public half
 * from the private one, so the file carries both. The public key file ({@code .pub}) holds the
 * {@code PUBLIC KEY} block alone. Private key files are written readable by their owner only.
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final VerificationKey publicKey;

    private SigningKey(PrivateKey privateKey, VerificationKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /**
     * Generates a new key.
     *
     * @return the key
     */
    public static SigningKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), VerificationKey.of(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    /**
     * Reads a key from its PEM text.
     *
     * @param pem the text with the {@code PRIVATE KEY} and {@code PUBLIC KEY} blocks
     * @param source where it comes from, for messages
     * @return the key
     * @throws RegistryException ({@link Reason#INVALID_KEY}) if a block is missing, is not
     *     Ed25519, or the two halves do not belong together
     */
    public static SigningKey fromPem(String pem, String source) {
        List<Pem.Block> blocks = Pem.read(pem, source);
        byte[] privateDer = blocks.stream().filter(b -> b.label().equals("PRIVATE KEY")).findFirst()
                .map(Pem.Block::der)
                .orElseThrow(() -> new RegistryException(Reason.INVALID_KEY, source
                        + ": no -----BEGIN PRIVATE KEY----- block; expected a private key file written by"
                        + " `presso registry keygen`"));
        VerificationKey publicKey = VerificationKey.fromPem(pem, source);
        PrivateKey privateKey;
        try {
            privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(privateDer));
        } catch (GeneralSecurityException e) {
            throw new RegistryException(Reason.INVALID_KEY, source + ": the PRIVATE KEY block is not an Ed25519"
                    + " PKCS#8 key (" + e.getMessage() + ")", e);
        }
        SigningKey key = new SigningKey(privateKey, publicKey);
        byte[] probe = "presso key check".getBytes(StandardCharsets.US_ASCII);
        if (!publicKey.verifies(probe, key.sign(probe))) {
            throw new RegistryException(Reason.INVALID_KEY, source + ": the PUBLIC KEY block does not belong to the"
                    + " PRIVATE KEY block");
        }
        return key;
    }

    /**
     * Reads a private key file.
     *
     * @param file the file
     * @return the key
     * @throws RegistryException if the file is unreadable or not a key file
     */
    public static SigningKey read(Path file) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII), file.toString());
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the private key file atomically, readable by its owner only.
     *
     * @param file the file
     * @throws RegistryException ({@link Reason#IO}) if it cannot be written
     */
    public void write(Path file) {
        try {
            AtomicFiles.replacePrivate(file, toPem().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot write the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the public key file atomically.
     *
     * @param file the file, by convention ending in {@code .pub}
     * @throws RegistryException ({@link Reason#IO}) if it cannot be written
     */
    public void writePublic(Path file) {
        try {
            AtomicFiles.replace(file, publicKey.toPem().getBytes(StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot write the key file " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Returns the PEM text of the private key file.
     *
     * @return the {@code PRIVATE KEY} and {@code PUBLIC KEY} blocks
     */
    public String toPem() {
        return Pem.write("PRIVATE KEY", privateKey.getEncoded()) + publicKey.toPem();
    }

    /**
     * Returns the public half.
     *
     * @return the verification key
     */
    public VerificationKey publicKey() {
        return publicKey;
    }

    /**
     * Returns the key id of the public half.
     *
     * @return 32 lower-case hex digits
     */
    public String keyid() {
        return publicKey.keyid();
    }

    /**
     * Signs bytes.
     *
     * @param data the bytes
     * @return the 64-byte Ed25519 signature
     */
    public byte[] sign(byte[] data) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(data);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    @Override
    public String toString() {
        return "Ed25519 signing key " + keyid();
    }
}
