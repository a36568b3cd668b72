package dev.presso.modelfixtures;

import dev.presso.fixtures.CountingPluginContext;
import dev.presso.fixtures.TestSite;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.lang.foreign.MemorySegment;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tensor-cpu backend, a counting plugin context on it, and small stand-ins for what the host
 * passes to compression methods: sites over random weights and calibration from given inputs.
 */
public final class MethodFixture implements AutoCloseable {
    /** Calibration without data. */
    public static final Calibration NONE = new Calibration() {
        @Override
        public long rows() {
            return 0;
        }

        @Override
        public Optional<Tensor> gram() {
            return Optional.empty();
        }
    };

    private final TensorBackend backend;
    private final Tensors tensors;
    private final CountingPluginContext context;

    /** Opens a fresh tensor-cpu backend. */
    public MethodFixture() {
        backend = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults());
        tensors = TensorRuntime.tensors(backend);
        context = new CountingPluginContext(tensors);
    }

    /** Returns the tensor-cpu backend, closed by {@link #close()}. */
    public TensorBackend backend() {
        return backend;
    }

    /** Returns the tensor front end on {@link #backend()}. */
    public Tensors tensors() {
        return tensors;
    }

    /** Returns the plugin context methods receive. */
    public CountingPluginContext context() {
        return context;
    }

    /** Returns calibration whose Gram matrix is {@code X^T X} of the given rows {@code X [N, in]}. */
    public Calibration calibration(Tensor inputs) {
        float[] gram = inputs.matmul(inputs, true, false).toFloatArray();
        long in = inputs.shape().dim(1);
        return new Calibration() {
            @Override
            public long rows() {
                return inputs.shape().dim(0);
            }

            @Override
            public Optional<Tensor> gram() {
                return Optional.of(tensors.of(gram.clone(), Shape.of(in, in)));
            }
        };
    }

    /** Returns a site over a weight {@code [out, in]}, applying it densely until replaced. */
    public static LinearSite site(String name, Tensor weight) {
        return new TestSite(name, weight);
    }

    /** Returns a random N(0, 1) matrix {@code [rows, columns]}. */
    public Tensor randn(long rows, long columns, long seed) {
        return tensors.randn(Shape.of(rows, columns), seed);
    }

    /**
     * Returns correlated inputs {@code [rows, in]}: Gaussian rows mixed by a random matrix plus a
     * shared offset, so that their Gram matrix is far from a multiple of the identity.
     */
    public Tensor correlatedInputs(long rows, long in, long seed) {
        Tensor mixing = randn(in, in, seed + 1).mul(0.5f).add(tensors.full(Shape.of(in, in), 0.3f));
        return randn(rows, in, seed).matmul(mixing).add(randn(1, in, seed + 2));
    }

    /** Compresses a site named {@code test.layer} over a weight. */
    public LinearOperator compress(CompressionMethod method, Tensor weight, Level level, Calibration calibration) {
        return method.compress(site("test.layer", weight), level, calibration, context);
    }

    /** Copies a payload's tensors through host bytes, as saving and loading it does. */
    public OperatorPayload copy(OperatorPayload payload) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        payload.tensors().forEach((name, t) -> copies.put(name, tensors.wrap(backend.upload(
                MemorySegment.ofArray(backend.toBytes(t.array())), t.dtype(), t.shape()))));
        return new OperatorPayload(copies, payload.attributes());
    }

    /** Returns the level of a method with a name; fails when the method has none. */
    public static Level level(CompressionMethod method, String name) {
        return method.levels().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    /** Closes the backend and everything allocated on it. */
    @Override
    public void close() {
        backend.close();
    }
}
