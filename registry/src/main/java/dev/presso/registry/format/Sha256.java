package dev.presso.registry.format;

import dev.presso.registry.format.RegistryException.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as the registry writes them: 64 lower-case hex digits. */
public final class Sha256 {
    /** The form of a hex SHA-256 in the index. */
    public static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private Sha256() {}

    /**
     * Hashes bytes.
     *
     * @param bytes the bytes
     * @return the digest, 32 bytes
     */
    public static byte[] digest(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    /**
     * Hashes bytes to hex.
     *
     * @param bytes the bytes
     * @return 64 lower-case hex digits
     */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(digest(bytes));
    }

    /**
     * Hashes a file to hex, streaming it.
     *
     * @param file the file
     * @return 64 lower-case hex digits
     * @throws RegistryException ({@link Reason#IO}) if the file cannot be read
     */
    public static String hex(Path file) {
        MessageDigest digest = newDigest();
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new RegistryException(Reason.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
