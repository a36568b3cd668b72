package dev.presso.host.internal.model.safetensors;

import dev.presso.kernel.tensor.DType;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The element types a safetensors header may name, with their byte widths and Presso equivalents. */
public enum SafetensorsDType {
    BOOL(1, null),
    U8(1, DType.U8),
    I8(1, DType.I8),
    F8_E5M2(1, null),
    F8_E4M3(1, null),
    I16(2, null),
    U16(2, null),
    F16(2, DType.F16),
    BF16(2, DType.BF16),
    I32(4, DType.I32),
    U32(4, null),
    F32(4, DType.F32),
    F64(8, null),
    I64(8, null),
    U64(8, null);

    private final int bytes;
    private final @Nullable DType dtype;

    SafetensorsDType(int bytes, @Nullable DType dtype) {
        this.bytes = bytes;
        this.dtype = dtype;
    }

    /** Returns the size of one element. @return the byte width */
    public int bytes() {
        return bytes;
    }

    /**
     * Returns the Presso element type with the same bytes.
     *
     * @return the dtype, empty when Presso has none
     */
    public Optional<DType> dtype() {
        return Optional.ofNullable(dtype);
    }

    /**
     * Finds a dtype by its header name.
     *
     * @param name the name, such as {@code BF16}
     * @return the dtype, empty when the name is unknown
     */
    public static Optional<SafetensorsDType> named(String name) {
        return Arrays.stream(values()).filter(d -> d.name().equals(name)).findFirst();
    }

    /** Lists the known names, for messages. @return the names, comma-separated */
    public static String knownNames() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
