package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.TensorException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The provider's compiled kernels as a module image for {@code cuModuleLoadDataEx}: the fatbin
 * {@value #FATBIN} (SASS plus PTX, built where {@code nvcc} was present) when it is on the class
 * path, else the committed PTX {@value #PTX}, NUL-terminated as the driver requires.
 *
 * @param bytes the image in native memory
 * @param description which resource it is and its size, for messages
 */
record ModuleImage(MemorySegment bytes, String description) {
    /** The PTX resource. */
    static final String PTX = "/dev/presso/plugins/tensorcuda/kernels.ptx";
    /** The fatbin resource. */
    static final String FATBIN = "/dev/presso/plugins/tensorcuda/kernels.fatbin";

    /**
     * Reads the image.
     *
     * @param choice {@code auto} (fatbin if present, else PTX), {@code ptx} or {@code fatbin}
     * @param arena the arena that owns the native copy
     * @return the image
     * @throws TensorException if the resource is missing or the choice is unknown
     */
    static ModuleImage load(String choice, Arena arena) {
        switch (choice.toLowerCase(Locale.ROOT)) {
            case "auto" -> {
                byte[] fatbin = read(FATBIN);
                return fatbin != null ? binary(FATBIN, fatbin, arena) : ptx(arena);
            }
            case "ptx" -> {
                return ptx(arena);
            }
            case "fatbin" -> {
                byte[] fatbin = read(FATBIN);
                if (fatbin == null) {
                    throw new TensorException("open", "cuda.module = fatbin, but " + FATBIN
                            + " is not on the class path (it is built only where nvcc exists)");
                }
                return binary(FATBIN, fatbin, arena);
            }
            default -> throw new TensorException("open", "cuda.module = '" + choice
                    + "'; expected 'auto', 'ptx' or 'fatbin'");
        }
    }

    private static ModuleImage ptx(Arena arena) {
        byte[] text = read(PTX);
        if (text == null) {
            throw new TensorException("open", "the kernel resource " + PTX
                    + " is missing from the tensor-cuda jar");
        }
        MemorySegment image = arena.allocate(text.length + 1L);
        MemorySegment.copy(MemorySegment.ofArray(text), 0, image, 0, text.length);
        return new ModuleImage(image, PTX + " (PTX, " + text.length + " bytes)");
    }

    private static ModuleImage binary(String name, byte[] content, Arena arena) {
        MemorySegment image = arena.allocate(content.length, 16);
        MemorySegment.copy(MemorySegment.ofArray(content), 0, image, 0, content.length);
        return new ModuleImage(image, name + " (fatbin, " + content.length + " bytes)");
    }

    private static byte @Nullable [] read(String resource) {
        try (InputStream in = ModuleImage.class.getResourceAsStream(resource)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new TensorException("open", "cannot read " + resource + ": " + e.getMessage());
        }
    }
}
