package dev.presso.host.internal.model.safetensors;

import dev.presso.kernel.tensor.Shape;

/**
 * One tensor of a safetensors header, validated: its bytes are {@code [begin, end)} of the data
 * section and hold exactly {@code shape.size()} elements of {@code dtype}.
 *
 * @param name the tensor's name
 * @param dtype the element type
 * @param shape the dimensions
 * @param begin the first byte, relative to the data section
 * @param end one past the last byte, relative to the data section
 */
public record TensorEntry(String name, SafetensorsDType dtype, Shape shape, long begin, long end) {
    /** Returns the number of bytes. @return {@code end - begin} */
    public long byteSize() {
        return end - begin;
    }

    /** Describes the tensor for messages, such as {@code F32 [64, 64]}. @return the description */
    public String describe() {
        return dtype + " " + shape;
    }
}
