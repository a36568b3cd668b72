package dev.presso.plugins.obs;

import dev.presso.fixtures.CountingPluginContext;
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

/** The tensor-cpu backend, a plugin context on it, and small stand-ins for what the host passes to methods. */
final class Fixture implements AutoCloseable {
    final TensorBackend backend;
    final Tensors tensors;
    final CountingPluginContext context;

    Fixture() {
        backend = TensorRuntime.openBackend(Optional.of("cpu"), BackendOptions.defaults());
        tensors = TensorRuntime.tensors(backend);
        context = new CountingPluginContext(tensors);
    }

    /** Calibration without data. */
    static final Calibration NONE = new Calibration() {
        @Override
        public long rows() {
            return 0;
        }

        @Override
        public Optional<Tensor> gram() {
            return Optional.empty();
        }
    };

    /** Calibration whose Gram matrix is {@code X^T X} of the given rows {@code [N, in]}. */
    Calibration calibration(Tensor inputs) {
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

    /** A site over a weight, applying it densely until replaced. */
    static LinearSite site(String name, Tensor weight) {
        return new LinearSite() {
            private LinearOperator operator = new LinearOperator() {
                @Override public long inFeatures() { return weight.shape().dim(1); }
                @Override public long outFeatures() { return weight.shape().dim(0); }
                @Override public Tensor apply(Tensor input) { return input.matmul(weight, false, true); }
                @Override public long parameterCount() { return weight.shape().size(); }
                @Override public long storageBits() { return 32 * weight.shape().size(); }
                @Override public Tensor denseWeight() { return weight; }
                @Override public OperatorPayload payload() { return new OperatorPayload(Map.of("weight", weight), Map.of()); }
            };

            @Override public String name() { return name; }
            @Override public Tensor weight() { return weight; }
            @Override public LinearOperator operator() { return operator; }
            @Override public void replace(LinearOperator replacement) { operator = replacement; }
        };
    }

    /** A random N(0, 1) matrix. */
    Tensor randn(long rows, long columns, long seed) {
        return tensors.randn(Shape.of(rows, columns), seed);
    }

    /** Compresses a random-weight site. */
    LinearOperator compress(CompressionMethod method, Tensor weight, Level level, Calibration calibration) {
        return method.compress(site("test.layer", weight), level, calibration, context);
    }

    /** Copies a payload through host bytes, as saving and loading it does. */
    OperatorPayload copy(OperatorPayload payload) {
        Map<String, Tensor> copies = new LinkedHashMap<>();
        payload.tensors().forEach((name, t) -> copies.put(name, tensors.wrap(backend.upload(
                MemorySegment.ofArray(backend.toBytes(t.array())), t.dtype(), t.shape()))));
        return new OperatorPayload(copies, payload.attributes());
    }

    /** Returns the level of a method with a name. */
    static Level level(CompressionMethod method, String name) {
        return method.levels().stream().filter(l -> l.name().equals(name)).findFirst().orElseThrow();
    }

    /** Correlated inputs {@code [rows, in]}: Gaussian rows mixed by a random matrix plus a shared offset. */
    Tensor correlatedInputs(long rows, long in, long seed) {
        Tensor mixing = randn(in, in, seed + 1).mul(0.5f).add(tensors.full(Shape.of(in, in), 0.3f));
        return randn(rows, in, seed).matmul(mixing).add(randn(1, in, seed + 2));
    }

    /** Returns {@code ||X W^T - X Q^T||_F^2}. */
    static double outputError(Tensor inputs, Tensor weight, LinearOperator operator) {
        float[] exact = inputs.matmul(weight, false, true).toFloatArray();
        float[] approximate = operator.apply(inputs).toFloatArray();
        double sum = 0;
        for (int i = 0; i < exact.length; i++) {
            double d = (double) exact[i] - approximate[i];
            sum += d * d;
        }
        return sum;
    }

    @Override
    public void close() {
        backend.close();
    }
}
