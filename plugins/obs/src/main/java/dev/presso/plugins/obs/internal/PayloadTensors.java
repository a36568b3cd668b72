package dev.presso.plugins.obs.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Writes and reads the payload tensors of the OBS methods on the heap: F16 values and unsigned
 * integer codes of {@code b} bits stored as {@code b} one-bit planes {@code NAME.0} (lowest bit) ..
 * {@code NAME.(b-1)}, each {@link DType#I1} of the codes' shape, so a code costs exactly {@code b}
 * bits. Reads check names, dtypes and shapes and fail with a {@link PressoException} naming the
 * method, the tensor, what was found and what was expected.
 */
public final class PayloadTensors {
    private final String method;
    private final Tensors tensors;

    /**
     * Creates the reader-writer.
     *
     * @param method the method's id, for messages
     * @param tensors the front end
     */
    public PayloadTensors(String method, Tensors tensors) {
        this.method = method;
        this.tensors = tensors;
    }

    /**
     * Returns values rounded to F16.
     *
     * @param values the values, row-major
     * @param shape their shape
     * @return the F16 tensor
     */
    public Tensor half(float[] values, Shape shape) {
        return tensors.of(values, shape).cast(DType.F16);
    }

    /**
     * Returns a kept value as a float whose F16 rounding is not zero: a value that would round to
     * F16 zero (including an exact zero) becomes the smallest F16 step of its sign, so a stored
     * value never reads back as a pruned one.
     *
     * @param value the value
     * @return the value, or the smallest F16 step with its sign
     */
    public static float nonzeroHalf(double value) {
        float smallest = Float.float16ToFloat((short) 1);
        if (Float.float16ToFloat(Float.floatToFloat16((float) value)) == 0) {
            return Math.copySign(smallest, (float) value);
        }
        return (float) value;
    }

    /**
     * Returns codes as one-bit planes.
     *
     * @param name the base name
     * @param codes the codes in {@code [0, 2^bits)}, row-major
     * @param shape their rank-2 shape
     * @param bits the code width
     * @return the planes by name
     */
    public Map<String, Tensor> planes(String name, int[] codes, Shape shape, int bits) {
        Map<String, Tensor> planes = new LinkedHashMap<>();
        float[] bit = new float[codes.length];
        for (int p = 0; p < bits; p++) {
            for (int i = 0; i < codes.length; i++) {
                bit[i] = (codes[i] >>> p) & 1;
            }
            planes.put(name + "." + p, convert(tensors.of(bit, shape), DType.I1, true));
        }
        return planes;
    }

    /**
     * Reads codes back from their planes.
     *
     * @param payload the payload
     * @param name the base name
     * @param bits the code width
     * @param shape the codes' shape
     * @return the codes, row-major
     */
    public int[] codes(OperatorPayload payload, String name, int bits, Shape shape) {
        int[] codes = new int[Math.toIntExact(shape.size())];
        for (int p = 0; p < bits; p++) {
            float[] bit = convert(tensor(payload, name + "." + p, DType.I1, shape), DType.F32, false).toFloatArray();
            for (int i = 0; i < codes.length; i++) {
                codes[i] |= (bit[i] != 0 ? 1 : 0) << p;
            }
        }
        return codes;
    }

    /**
     * Reads an F16 tensor as floats.
     *
     * @param payload the payload
     * @param name the tensor
     * @param shape its expected shape
     * @return the values, row-major
     */
    public float[] halfValues(OperatorPayload payload, String name, Shape shape) {
        return tensor(payload, name, DType.F16, shape).cast(DType.F32).toFloatArray();
    }

    /**
     * Returns a payload tensor after checking its dtype and shape.
     *
     * @param payload the payload
     * @param name the tensor
     * @param dtype its expected dtype
     * @param shape its expected shape
     * @return the tensor
     */
    public Tensor tensor(OperatorPayload payload, String name, DType dtype, Shape shape) {
        Tensor tensor = payload.tensors().get(name);
        if (tensor == null || tensor.dtype() != dtype || !tensor.shape().equals(shape)) {
            throw new PressoException(method + ": payload tensor '" + name + "' is "
                    + (tensor == null ? "missing (the payload has " + payload.tensors().keySet() + ")"
                            : tensor.dtype() + " " + tensor.shape()) + "; expected " + dtype + " " + shape);
        }
        return tensor;
    }

    /**
     * Refuses tensors other than the expected ones: the payload was written by another format.
     *
     * @param payload the payload
     * @param names the tensors the format has
     */
    public void requireOnly(OperatorPayload payload, Set<String> names) {
        Set<String> others = new TreeSet<>(payload.tensors().keySet());
        others.removeAll(names);
        if (!others.isEmpty()) {
            throw new PressoException(method + ": payload tensors " + others + " are not part of this method's format;"
                    + " expected only " + new TreeSet<>(names));
        }
    }

    /**
     * Reads an integer attribute within a range.
     *
     * @param payload the payload
     * @param name the attribute
     * @param minimum the smallest allowed value
     * @param maximum the largest allowed value
     * @return the value
     */
    public int integer(OperatorPayload payload, String name, int minimum, int maximum) {
        String text = attribute(payload, name);
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PressoException(method + ": payload attribute '" + name + "' is \"" + text
                + "\"; expected an integer in [" + minimum + ", " + maximum + "]");
    }

    /**
     * Reads a text attribute.
     *
     * @param payload the payload
     * @param name the attribute
     * @return its value
     */
    public String attribute(OperatorPayload payload, String name) {
        String value = payload.attributes().get(name);
        if (value == null) {
            throw new PressoException(method + ": payload attribute '" + name + "' is missing (the payload has "
                    + payload.attributes().keySet() + ")");
        }
        return value;
    }

    /** Packs F32 integers into a code type, or unpacks codes, with the quantize kernels at scale 1, zero 0. */
    private Tensor convert(Tensor source, DType target, boolean pack) {
        long rows = source.shape().dim(0);
        Tensor ones = tensors.full(Shape.of(rows, 1), 1f);
        Tensor zeros = tensors.zeros(DType.F32, Shape.of(rows, 1));
        DeviceArray out = tensors.backend().allocate(target, source.shape());
        try {
            if (pack) {
                tensors.backend().quantize(source.array(), ones.array(), zeros.array(), out);
            } else {
                tensors.backend().dequantize(source.array(), ones.array(), zeros.array(), out);
            }
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return tensors.wrap(out);
    }
}
