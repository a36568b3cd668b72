package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Unsigned integer codes of any width from 1 to 8 bits stored in exactly that many bits per code:
 * a width that is a code type ({@link DType#I1}, {@link DType#I2}, {@link DType#I4}, {@link
 * DType#U8}) is one tensor named {@code NAME}; any other is split into planes of 4, 2 and 1 bits,
 * widest first, holding the code's bits from the lowest up, named {@code NAME.0}, {@code NAME.1},
 * and so on. A 3-bit code {@code q} is {@code NAME.0 = q mod 4} (I2) plus {@code NAME.1 = q div 4}
 * (I1); 5 bits are I4 + I1, 6 bits I4 + I2, 7 bits I4 + I2 + I1.
 */
final class BitPlanes {
    private BitPlanes() {}

    /**
     * Returns the plane widths of a code width, widest (lowest bits) first.
     *
     * @param bits the code width, 1 to 8
     * @return the widths, summing to {@code bits}
     */
    static List<Integer> widths(int bits) {
        if (bits < 1 || bits > 8) {
            throw new IllegalArgumentException("code width must be 1 to 8 bits, got " + bits);
        }
        if (bits == 8) {
            return List.of(8);
        }
        List<Integer> widths = new ArrayList<>();
        for (int width = 4; width >= 1; width /= 2) {
            if ((bits & width) != 0) {
                widths.add(width);
            }
        }
        return List.copyOf(widths);
    }

    /**
     * Returns the tensor names that hold codes of a width.
     *
     * @param name the base name
     * @param bits the code width
     * @return {@code [name]} or {@code [name.0, name.1, ...]}
     */
    static List<String> names(String name, int bits) {
        int planes = widths(bits).size();
        if (planes == 1) {
            return List.of(name);
        }
        List<String> names = new ArrayList<>();
        for (int p = 0; p < planes; p++) {
            names.add(name + "." + p);
        }
        return List.copyOf(names);
    }

    /**
     * Packs codes into planes.
     *
     * @param tensors the front end
     * @param name the base name
     * @param codes F32 integers in {@code [0, 2^bits)}, {@code [R, C]}
     * @param bits the code width
     * @return the planes by name, in plane order
     */
    static Map<String, Tensor> pack(Tensors tensors, String name, Tensor codes, int bits) {
        List<Integer> widths = widths(bits);
        List<String> names = names(name, bits);
        Map<String, Tensor> planes = new LinkedHashMap<>();
        Tensor rest = codes;
        for (int p = 0; p < widths.size(); p++) {
            int width = widths.get(p);
            Tensor plane = rest;
            if (p + 1 < widths.size()) {
                Tensor high = rest.mul(1f / (1 << width)).map(UnaryOp.FLOOR);
                plane = rest.sub(high.mul(1 << width));
                rest = high;
            }
            planes.put(names.get(p), Kernels.pack(tensors, plane, DType.codeType(width)));
        }
        return planes;
    }

    /**
     * Reads codes back from their planes.
     *
     * @param tensors the front end
     * @param reader the payload holding the planes
     * @param name the base name
     * @param bits the code width
     * @param shape the codes' shape {@code [R, C]}
     * @return the F32 codes
     */
    static Tensor unpack(Tensors tensors, PayloadReader reader, String name, int bits, Shape shape) {
        List<Integer> widths = widths(bits);
        List<String> names = names(name, bits);
        @Nullable Tensor codes = null;
        int shift = 0;
        for (int p = 0; p < widths.size(); p++) {
            int width = widths.get(p);
            Tensor plane = Kernels.unpack(tensors, reader.tensor(names.get(p), DType.codeType(width), shape));
            codes = codes == null ? plane : codes.add(plane.mul(1 << shift));
            shift += width;
        }
        return Objects.requireNonNull(codes);
    }
}
