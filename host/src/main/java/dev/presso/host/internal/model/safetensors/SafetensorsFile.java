package dev.presso.host.internal.model.safetensors;

import dev.presso.host.internal.model.ModelFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * One safetensors file, memory-mapped read-only: an 8-byte little-endian header length {@code N},
 * {@code N} bytes of JSON header, then the tensor data.
 *
 * <p>The whole header is validated when the file is opened (see {@link SafetensorsHeader}), so every
 * later read stays inside the mapping; tensor bytes are never copied to the Java heap. The mapping
 * is released by {@link #close()}; segments handed out are invalid afterwards. Not thread-safe to
 * close while another thread reads.
 */
public final class SafetensorsFile implements AutoCloseable {
    /** The largest header accepted, as in the reference implementation. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;

    private static final ValueLayout.OfLong LENGTH = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final Arena arena;
    private final MemorySegment data;
    private final SafetensorsHeader header;

    private SafetensorsFile(Path path, Arena arena, MemorySegment data, SafetensorsHeader header) {
        this.path = path;
        this.arena = arena;
        this.data = data;
        this.header = header;
    }

    /**
     * Maps and validates a file.
     *
     * @param path the file
     * @return the open file, owned by the caller
     * @throws ModelFormatException if the file is missing, unreadable, truncated or malformed
     */
    public static SafetensorsFile open(Path path) {
        Arena arena = Arena.ofShared();
        try {
            MemorySegment file = map(path, arena);
            long size = file.byteSize();
            if (size < Long.BYTES) {
                throw new ModelFormatException(path + ": the file holds " + size
                        + " bytes; expected at least 8 (the header length) — the file is truncated or empty");
            }
            long headerLength = file.get(LENGTH, 0);
            long available = size - Long.BYTES;
            if (headerLength < 0 || headerLength > available) {
                throw new ModelFormatException(path + ": the header length is " + Long.toUnsignedString(headerLength)
                        + " bytes, but only " + available + " bytes follow it; the file is truncated or not"
                        + " safetensors");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new ModelFormatException(path + ": the header length is " + headerLength
                        + " bytes; expected at most " + MAX_HEADER_BYTES);
            }
            byte[] json = file.asSlice(Long.BYTES, headerLength).toArray(ValueLayout.JAVA_BYTE);
            MemorySegment data = file.asSlice(Long.BYTES + headerLength);
            SafetensorsHeader header = SafetensorsHeader.parse(json, data.byteSize(), path.toString());
            return new SafetensorsFile(path, arena, data, header);
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static MemorySegment map(Path path, Arena arena) {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size(), arena);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException(path + ": file not found", e);
        } catch (IOException e) {
            throw new ModelFormatException(path + ": cannot be mapped: " + e.getMessage(), e);
        }
    }

    /** Returns the file. @return the path */
    public Path path() {
        return path;
    }

    /** Returns the header's tensors, sorted by name. @return the tensors */
    public Map<String, TensorEntry> tensors() {
        return header.tensors();
    }

    /** Returns the header's {@code __metadata__}. @return the strings */
    public Map<String, String> metadata() {
        return header.metadata();
    }

    /**
     * Finds a tensor.
     *
     * @param name the tensor's name
     * @return its entry, empty when the file has none of that name
     */
    public Optional<TensorEntry> find(String name) {
        return Optional.ofNullable(header.tensors().get(name));
    }

    /**
     * Returns a tensor's bytes inside the mapping, valid until this file is closed.
     *
     * @param entry an entry of this file
     * @return the read-only bytes, little-endian, row-major
     */
    public MemorySegment bytes(TensorEntry entry) {
        if (header.tensors().get(entry.name()) != entry) {
            throw new IllegalArgumentException("the entry " + entry.name() + " does not belong to " + path);
        }
        return data.asSlice(entry.begin(), entry.byteSize()).asReadOnly();
    }

    /** Releases the mapping; idempotent. */
    @Override
    public void close() {
        if (arena.scope().isAlive()) {
            arena.close();
        }
    }

    @Override
    public String toString() {
        return "SafetensorsFile[" + path + ", " + header.tensors().size() + " tensors]";
    }
}
