package dev.presso.tck.internal;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.fixtures.TestSite;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the compression-method kit hands a method: a backend and its tensors, sites over weights,
 * calibration from inputs, contexts with a chosen seed, and byte-level copies and comparisons of
 * tensors and payloads. Closing it closes the backend and everything allocated on it.
 */
public final class MethodWorkbench implements AutoCloseable {
    private final TensorBackend backend;
    private final Tensors tensors;

    /**
     * Opens a workbench on a backend.
     *
     * @param backend the backend, owned and closed by the workbench
     */
    public MethodWorkbench(TensorBackend backend) {
        this.backend = backend;
        this.tensors = TensorRuntime.tensors(backend);
    }

    /**
     * Returns the tensor front end.
     *
     * @return the tensors
     */
    public Tensors tensors() {
        return tensors;
    }

    /**
     * Returns a fresh context with a seed, not cancelled.
     *
     * @param seed the seed {@link PluginContext#seed()} reports
     * @return the context
     */
    public PluginContext context(long seed) {
        return new CountingPluginContext(tensors, seed);
    }

    /**
     * Returns a context (seed 0) that reports cancellation from the start.
     *
     * @return the context
     */
    public PluginContext cancelledContext() {
        CountingPluginContext context = new CountingPluginContext(tensors);
        context.cancel();
        return context;
    }

    /**
     * Returns a test weight {@code [out, in]}: Gaussian, with a few large entries (every 17th weight
     * times 6), as trained layers have outliers.
     *
     * @param out the output width
     * @param in the input width
     * @param seed the seed
     * @return the F32 weight
     */
    public Tensor weight(long out, long in, long seed) {
        float[] values = tensors.randn(Shape.of(out, in), seed).toFloatArray();
        for (int i = 0; i < values.length; i += 17) {
            values[i] *= 6;
        }
        return tensors.of(values, Shape.of(out, in));
    }

    /**
     * Returns calibration over correlated inputs {@code X [rows, in]}: Gaussian rows mixed by a
     * random matrix plus a shared offset, so that the Gram matrix is far from the identity; it
     * offers both the Gram matrix and the rows as a sample.
     *
     * @param rows the number of input rows
     * @param in the input width
     * @param seed the seed
     * @return the calibration
     */
    public Calibration calibration(long rows, long in, long seed) {
        Tensor mixing = tensors.randn(Shape.of(in, in), seed + 1).mul(0.5f).add(tensors.full(Shape.of(in, in), 0.3f));
        Tensor inputs = tensors.randn(Shape.of(rows, in), seed).matmul(mixing).add(tensors.randn(Shape.of(1, in),
                seed + 2));
        float[] rowValues = inputs.toFloatArray();
        float[] gram = inputs.matmul(inputs, true, false).toFloatArray();
        return new Calibration() {
            @Override
            public long rows() {
                return rows;
            }

            @Override
            public Optional<Tensor> gram() {
                return Optional.of(tensors.of(gram.clone(), Shape.of(in, in)));
            }

            @Override
            public Optional<Tensor> inputSample() {
                return Optional.of(tensors.of(rowValues.clone(), Shape.of(rows, in)));
            }
        };
    }

    /**
     * Returns a site over a weight, applying it densely until replaced.
     *
     * @param name the layer's name
     * @param weight the weight {@code [out, in]}
     * @return the site
     */
    public static LinearSite site(String name, Tensor weight) {
        return new TestSite(name, weight);
    }

    /**
     * Returns a tensor's bytes in its storage dtype.
     *
     * @param tensor the tensor
     * @return the bytes
     */
    public byte[] bytes(Tensor tensor) {
        return backend.toBytes(tensor.array());
    }

    /**
     * Copies a payload's tensors through host bytes, as saving and loading it does.
     *
     * @param payload the payload
     * @return a payload with the same attributes and fresh tensors of the same dtypes, shapes and bytes
     */
    public OperatorPayload copy(OperatorPayload payload) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        payload.tensors().forEach((name, t) -> copies.put(name, tensors.wrap(backend.upload(
                MemorySegment.ofArray(bytes(t)), t.dtype(), t.shape()))));
        return new OperatorPayload(copies, payload.attributes());
    }

    /**
     * Describes how two payloads differ, byte for byte.
     *
     * @param expected the first payload
     * @param actual the second payload
     * @return the first difference found, or empty when they are identical
     */
    public Optional<String> difference(OperatorPayload expected, OperatorPayload actual) {
        if (!expected.attributes().equals(actual.attributes())) {
            return Optional.of("attributes " + actual.attributes() + " differ from " + expected.attributes());
        }
        if (!expected.tensors().keySet().equals(actual.tensors().keySet())) {
            return Optional.of("tensors " + actual.tensors().keySet() + " differ from " + expected.tensors().keySet());
        }
        for (Map.Entry<String, Tensor> entry : expected.tensors().entrySet()) {
            Tensor a = entry.getValue();
            Tensor b = actual.tensors().get(entry.getKey());
            if (a.dtype() != b.dtype() || !a.shape().equals(b.shape())) {
                return Optional.of("tensor " + entry.getKey() + " is " + b.dtype() + " " + b.shape() + ", not "
                        + a.dtype() + " " + a.shape());
            }
            if (!Arrays.equals(bytes(a), bytes(b))) {
                return Optional.of("tensor " + entry.getKey() + " has different contents");
            }
        }
        return Optional.empty();
    }

    /** Closes the backend and every tensor allocated on it. */
    @Override
    public void close() {
        backend.close();
    }
}
