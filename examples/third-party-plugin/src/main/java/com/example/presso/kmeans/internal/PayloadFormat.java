package com.example.presso.kmeans.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.DeviceArray;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The saved form of a clustered layer: tensor {@code codes} ({@code [out, in]} in the code type of
 * the width: I1, I2 or I4), tensor {@code centroids} (F16 {@code [out, G * 2^bits]}), attributes
 * {@code bits} and {@code group-size}. Its size is exactly the method's cost.
 */
final class PayloadFormat {
    private static final String CODES = "codes";
    private static final String CENTROIDS = "centroids";
    private static final String BITS = "bits";
    private static final String GROUP_SIZE = "group-size";

    private PayloadFormat() {}

    /**
     * Writes a clustered layer.
     *
     * @param layer the layer
     * @param tensors the front end
     * @return the payload
     */
    static OperatorPayload write(ClusteredLayer layer, Tensors tensors) {
        int out = layer.outFeatures();
        long in = layer.grouping().inFeatures();
        float[] codes = new float[layer.codes().length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = layer.codes()[i];
        }
        Tensor packed = packCodes(tensors, tensors.of(codes, Shape.of(out, in)), DType.codeType(layer.bits()));
        Tensor centroids = tensors.of(layer.centroids(), Shape.of(out, layer.centroids().length / out))
                .cast(DType.F16);
        return new OperatorPayload(Map.of(CODES, packed, CENTROIDS, centroids), Map.of(
                BITS, Integer.toString(layer.bits()), GROUP_SIZE, Integer.toString(layer.grouping().size())));
    }

    /**
     * Reads a clustered layer, checking every tensor and attribute.
     *
     * @param outFeatures the layer's output width
     * @param inFeatures the layer's input width
     * @param payload the payload
     * @param tensors the front end
     * @return the layer
     * @throws PressoException if an attribute or tensor is missing, malformed or of the wrong dtype or
     *     shape, or the payload holds other tensors
     */
    static ClusteredLayer read(long outFeatures, long inFeatures, OperatorPayload payload, Tensors tensors) {
        int bits = attribute(payload, BITS, 1, 4);
        if (Integer.bitCount(bits) != 1) {
            throw new PressoException(KMeansMethod.ID + ": payload attribute '" + BITS + "' is " + bits
                    + "; expected 1, 2 or 4");
        }
        Grouping grouping = new Grouping(inFeatures, attribute(payload, GROUP_SIZE, 0, Integer.MAX_VALUE));
        Set<String> others = new TreeSet<>(payload.tensors().keySet());
        others.removeAll(Set.of(CODES, CENTROIDS));
        if (!others.isEmpty()) {
            throw new PressoException(KMeansMethod.ID + ": payload tensors " + others
                    + " are not part of this method's format; expected only [" + CENTROIDS + ", " + CODES + "]");
        }
        Tensor packed = tensor(payload, CODES, DType.codeType(bits), Shape.of(outFeatures, inFeatures));
        Tensor centroids = tensor(payload, CENTROIDS, DType.F16,
                Shape.of(outFeatures, Math.multiplyExact(grouping.count(), 1L << bits)));
        float[] codeValues = unpackCodes(tensors, packed).toFloatArray();
        int[] codes = new int[codeValues.length];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (int) codeValues[i];
        }
        return new ClusteredLayer(bits, grouping, Math.toIntExact(outFeatures), codes,
                centroids.cast(DType.F32).toFloatArray());
    }

    private static int attribute(OperatorPayload payload, String name, int minimum, int maximum) {
        String text = payload.attributes().get(name);
        if (text == null) {
            throw new PressoException(KMeansMethod.ID + ": payload attribute '" + name + "' is missing (the payload"
                    + " has " + payload.attributes().keySet() + ")");
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new PressoException(KMeansMethod.ID + ": payload attribute '" + name + "' is \"" + text
                + "\"; expected an integer in [" + minimum + ", " + maximum + "]");
    }

    private static Tensor tensor(OperatorPayload payload, String name, DType dtype, Shape shape) {
        Tensor tensor = payload.tensors().get(name);
        if (tensor == null) {
            throw new PressoException(KMeansMethod.ID + ": payload tensor '" + name + "' is missing; expected "
                    + dtype + " " + shape + " (the payload has " + payload.tensors().keySet() + ")");
        }
        if (tensor.dtype() != dtype || !tensor.shape().equals(shape)) {
            throw new PressoException(KMeansMethod.ID + ": payload tensor '" + name + "' is " + tensor.dtype() + " "
                    + tensor.shape() + "; expected " + dtype + " " + shape);
        }
        return tensor;
    }

    /** Packs integers in [0, 2^bits) into a code type: the backend's quantize with scale 1, zero 0. */
    private static Tensor packCodes(Tensors tensors, Tensor values, DType codeType) {
        TensorBackend backend = tensors.backend();
        long rows = values.shape().dim(0);
        Tensor ones = tensors.full(Shape.of(rows, 1), 1f);
        Tensor zeros = tensors.zeros(DType.F32, Shape.of(rows, 1));
        DeviceArray out = backend.allocate(codeType, values.shape());
        try {
            backend.quantize(values.array(), ones.array(), zeros.array(), out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return tensors.wrap(out);
    }

    /** Reads codes back as F32 integers: the backend's dequantize with scale 1, zero 0. */
    private static Tensor unpackCodes(Tensors tensors, Tensor codes) {
        TensorBackend backend = tensors.backend();
        long rows = codes.shape().dim(0);
        Tensor ones = tensors.full(Shape.of(rows, 1), 1f);
        Tensor zeros = tensors.zeros(DType.F32, Shape.of(rows, 1));
        DeviceArray out = backend.allocate(DType.F32, codes.shape());
        try {
            backend.dequantize(codes.array(), ones.array(), zeros.array(), out);
        } catch (RuntimeException e) {
            out.close();
            throw e;
        }
        return tensors.wrap(out);
    }
}
