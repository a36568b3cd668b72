package dev.presso.registry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {
    @TempDir
    Path dir;

    @Test
    void keyFilesRoundTripAndPrivateFileIsOwnerOnly() throws Exception {
        SigningKey key = SigningKey.generate();
        key.write(dir.resolve("me.key"));
        key.writePublic(dir.resolve("me.pub"));
        SigningKey read = SigningKey.read(dir.resolve("me.key"));
        assertEquals(key.keyid(), read.keyid());
        assertEquals(key.publicKey(), VerificationKey.read(dir.resolve("me.pub")));
        assertTrue(VerificationKey.KEYID.matcher(key.keyid()).matches());
        byte[] data = "hello".getBytes(StandardCharsets.UTF_8);
        assertTrue(key.publicKey().verifies(data, read.sign(data)));
        assertFalse(key.publicKey().verifies("hellO".getBytes(StandardCharsets.UTF_8), read.sign(data)));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("me.key")));
        assertTrue(Files.readString(dir.resolve("me.pub")).startsWith("-----BEGIN PUBLIC KEY-----\n"));
    }

    @Test
    void keyidIsTheTruncatedHashOfTheX509Encoding() {
        VerificationKey key = SigningKey.generate().publicKey();
        assertEquals(Sha256.hex(key.key().getEncoded()).substring(0, 32), key.keyid());
    }

    @Test
    void refusesMismatchedHalvesAndMissingBlocks() {
        SigningKey a = SigningKey.generate();
        SigningKey b = SigningKey.generate();
        String mixed = a.toPem().substring(0, a.toPem().indexOf("-----BEGIN PUBLIC KEY")) + b.publicKey().toPem();
        RegistryException e = assertThrows(RegistryException.class, () -> SigningKey.fromPem(mixed, "mixed.key"));
        assertEquals(RegistryException.Reason.INVALID_KEY, e.reason());
        assertTrue(e.getMessage().contains("does not belong"), e.getMessage());
        RegistryException noPrivate = assertThrows(RegistryException.class,
                () -> SigningKey.fromPem(a.publicKey().toPem(), "pub-only.key"));
        assertTrue(noPrivate.getMessage().contains("pub-only.key: no -----BEGIN PRIVATE KEY"), noPrivate.getMessage());
        assertThrows(RegistryException.class, () -> VerificationKey.fromPem("not a key", "x.pub"));
    }

    @Test
    void jsonFormChecksTheKeyid() {
        VerificationKey key = SigningKey.generate().publicKey();
        assertEquals(key, VerificationKey.fromJson(key.toJson(), "/k"));
        var wrong = key.toJson().put("keyid", "0".repeat(32));
        RegistryException e = assertThrows(RegistryException.class, () -> VerificationKey.fromJson(wrong, "/k"));
        assertTrue(e.getMessage().startsWith("/k/keyid: "), e.getMessage());
    }
}
