package dev.presso.host.internal.embedded;

import dev.presso.host.internal.model.llama.LlamaWeights;
import dev.presso.host.internal.model.safetensors.SafetensorsDType;
import dev.presso.host.internal.model.safetensors.SafetensorsWriter;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * A model's parameters on the Java heap, by checkpoint name in execution order: the optimizer's
 * master copy, uploaded to the backend for each step and written to safetensors at the end.
 */
final class Parameters {
    private final SequencedMap<String, float[]> values = new LinkedHashMap<>();
    private final Map<String, Shape> shapes = new LinkedHashMap<>();

    /**
     * Adds a parameter.
     *
     * @param name its checkpoint name
     * @param shape its shape
     * @param data its elements, row-major, owned by this object from now on
     */
    void put(String name, Shape shape, float[] data) {
        if (shape.size() != data.length) {
            throw new IllegalArgumentException(name + " is " + shape + " but has " + data.length + " elements");
        }
        values.put(name, data);
        shapes.put(name, shape);
    }

    /** Returns the names in execution order. @return the names */
    List<String> names() {
        return List.copyOf(values.keySet());
    }

    /**
     * Returns a parameter's elements, which the optimizer updates in place.
     *
     * @param name the parameter
     * @return its elements, row-major
     */
    float[] values(String name) {
        float[] data = values.get(name);
        if (data == null) {
            throw new IllegalArgumentException("no parameter '" + name + "'");
        }
        return data;
    }

    /** Returns a parameter's shape. @param name the parameter @return its shape */
    Shape shape(String name) {
        return shapes.get(name);
    }

    /** Returns the number of scalar parameters. @return the total element count */
    long count() {
        return values.values().stream().mapToLong(v -> v.length).sum();
    }

    /**
     * Uploads every parameter as a new tensor of the caller's current scope.
     *
     * @param tensors the front end
     * @param trainable whether the tensors are leaves that require a gradient
     * @return the weights
     */
    LlamaWeights upload(Tensors tensors, boolean trainable) {
        Map<String, Tensor> uploaded = new LinkedHashMap<>();
        values.forEach((name, data) -> uploaded.put(name, tensors.of(data, shapes.get(name)).requiresGrad(trainable)));
        return new LlamaWeights(uploaded);
    }

    /**
     * Returns the parameters as F32 safetensors entries, sorted by name as Hugging Face saves them.
     *
     * @return the entries
     */
    SequencedMap<String, SafetensorsWriter.Entry> entries() {
        SequencedMap<String, SafetensorsWriter.Entry> entries = new LinkedHashMap<>();
        new TreeMap<>(values).forEach((name, data) -> {
            ByteBuffer bytes = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            bytes.asFloatBuffer().put(data);
            entries.put(name, new SafetensorsWriter.Entry(SafetensorsDType.F32, shapes.get(name).toArray(),
                    bytes.array()));
        });
        return entries;
    }
}
