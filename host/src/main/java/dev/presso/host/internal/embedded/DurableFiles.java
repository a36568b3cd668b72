package dev.presso.host.internal.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes the files of a folder that is still being built, each forced to disk, so that once the
 * folder is renamed into place its content survives a crash.
 */
final class DurableFiles {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the body of a file to a stream. */
    @FunctionalInterface
    interface Body {
        void writeTo(OutputStream out) throws IOException;
    }

    private DurableFiles() {}

    /** Returns the shared JSON mapper. @return a mapper that indents its output */
    static ObjectMapper json() {
        return JSON;
    }

    /**
     * Creates a new file (and its folders), writes it and forces it to disk.
     *
     * @param file a file that does not exist yet
     * @param body writes the content
     * @throws IOException if the file exists or cannot be written
     */
    static void write(Path file, Body body) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16)) {
            body.writeTo(out);
            out.flush();
            channel.force(true);
        }
    }

    /** Writes UTF-8 text; see {@link #write}. @param file the new file @param text the content */
    static void text(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes indented JSON and a newline; see {@link #write}. @param file the new file @param tree the content */
    static void json(Path file, JsonNode tree) throws IOException {
        write(file, out -> {
            out.write(JSON.writeValueAsBytes(tree));
            out.write('\n');
        });
    }
}
