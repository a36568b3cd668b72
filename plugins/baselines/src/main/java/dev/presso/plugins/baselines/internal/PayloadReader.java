package dev.presso.plugins.baselines.internal;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads a payload back with checks: every tensor and attribute a method asks for must be there
 * with the expected dtype, shape or value range, and once all are read {@link #requireNoOthers()}
 * refuses tensors the method does not know. Every failure is a {@link PressoException} naming the
 * method, the tensor or attribute, what was found and what was expected.
 */
public final class PayloadReader {
    private final String method;
    private final OperatorPayload payload;
    private final Set<String> read = new HashSet<>();

    /**
     * Creates a reader.
     *
     * @param method the method's id, for messages
     * @param payload the payload
     */
    public PayloadReader(String method, OperatorPayload payload) {
        this.method = method;
        this.payload = payload;
    }

    /**
     * Returns a tensor after checking its dtype and shape.
     *
     * @param name the tensor's name
     * @param dtype the expected dtype
     * @param shape the expected shape
     * @return the tensor, still owned by the payload's owner
     */
    public Tensor tensor(String name, DType dtype, Shape shape) {
        Tensor tensor = payload.tensors().get(name);
        if (tensor == null) {
            throw new PressoException(method + ": payload tensor '" + name + "' is missing; expected " + dtype + " "
                    + shape + " (the payload has " + payload.tensors().keySet() + ")");
        }
        if (tensor.dtype() != dtype || !tensor.shape().equals(shape)) {
            throw new PressoException(method + ": payload tensor '" + name + "' is " + tensor.dtype() + " "
                    + tensor.shape() + "; expected " + dtype + " " + shape);
        }
        read.add(name);
        return tensor;
    }

    /**
     * Returns the shape of a tensor whose size the method derives from the payload.
     *
     * @param name the tensor's name
     * @param dtype the expected dtype
     * @param rank the expected rank
     * @return the tensor's shape
     */
    public Shape shapeOf(String name, DType dtype, int rank) {
        Tensor tensor = payload.tensors().get(name);
        if (tensor == null || tensor.dtype() != dtype || tensor.shape().rank() != rank) {
            throw new PressoException(method + ": payload tensor '" + name + "' is "
                    + (tensor == null ? "missing" : tensor.dtype() + " " + tensor.shape()) + "; expected a " + dtype
                    + " tensor of rank " + rank);
        }
        return tensor.shape();
    }

    /**
     * Returns a text attribute.
     *
     * @param name the attribute
     * @return its value
     */
    public String attribute(String name) {
        String value = payload.attributes().get(name);
        if (value == null) {
            throw new PressoException(method + ": payload attribute '" + name + "' is missing (the payload has "
                    + payload.attributes().keySet() + ")");
        }
        return value;
    }

    /**
     * Returns an integer attribute within a range.
     *
     * @param name the attribute
     * @param minimum the smallest allowed value
     * @param maximum the largest allowed value
     * @return the value
     */
    public int integer(String name, int minimum, int maximum) {
        String text = attribute(name);
        try {
            int value = Integer.parseInt(text);
            if (value >= minimum && value <= maximum) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw malformed(name, text, "an integer in [" + minimum + ", " + maximum + "]");
    }

    /**
     * Returns a boolean attribute.
     *
     * @param name the attribute
     * @return the value
     */
    public boolean bool(String name) {
        String text = attribute(name);
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw malformed(name, text, "true or false");
    }

    /**
     * Returns an error about an attribute's value.
     *
     * @param name the attribute
     * @param value its value
     * @param expected what it should be
     * @return the exception to throw
     */
    public PressoException malformed(String name, String value, String expected) {
        return new PressoException(method + ": payload attribute '" + name + "' is \"" + value + "\"; expected "
                + expected);
    }

    /** Refuses a payload holding tensors the method did not read: it was written by another method. */
    public void requireNoOthers() {
        Set<String> others = new TreeSet<>(payload.tensors().keySet());
        others.removeAll(read);
        if (!others.isEmpty()) {
            throw new PressoException(method + ": payload tensors " + others + " are not part of this method's "
                    + "format; expected only " + new TreeSet<>(read));
        }
    }
}
