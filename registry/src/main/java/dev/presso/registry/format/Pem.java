package dev.presso.registry.format;

import dev.presso.registry.format.RegistryException.Reason;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PEM blocks (RFC 7468): a label and base64 DER between BEGIN and END lines. */
final class Pem {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\s*([A-Za-z0-9+/=\\s]*?)-----END \\1-----");

    /**
     * One block.
     *
     * @param label such as {@code PUBLIC KEY}
     * @param der the decoded content
     */
    record Block(String label, byte[] der) {}

    private Pem() {}

    static String write(String label, byte[] der) {
        StringBuilder out = new StringBuilder("-----BEGIN ").append(label).append("-----\n");
        String base64 = Base64.getEncoder().encodeToString(der);
        for (int i = 0; i < base64.length(); i += 64) {
            out.append(base64, i, Math.min(base64.length(), i + 64)).append('\n');
        }
        return out.append("-----END ").append(label).append("-----\n").toString();
    }

    static List<Block> read(String text, String source) {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2))));
            } catch (IllegalArgumentException e) {
                throw new RegistryException(Reason.INVALID_KEY, source + ": the " + m.group(1)
                        + " block is not valid base64", e);
            }
        }
        if (blocks.isEmpty()) {
            throw new RegistryException(Reason.INVALID_KEY, source + ": no PEM block; expected -----BEGIN PUBLIC KEY-----"
                    + " or -----BEGIN PRIVATE KEY-----");
        }
        return blocks;
    }
}
