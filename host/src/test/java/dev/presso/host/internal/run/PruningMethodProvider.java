package dev.presso.host.internal.run;

import dev.presso.fixtures.DenseTestOperator;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.method.CompressionMethod;
import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.model.OperatorPayload;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.tensor.Tensor;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * A test method for sparsity ladders: zeroes exactly {@code round(value · n)} weights of smallest
 * magnitude (ties by index), at any sparsity value; costs 16 bits per kept weight plus a 1-bit
 * mask per weight. With {@code off-by-one: true} it keeps one weight too many, as a method that
 * cannot hit an exact count would.
 */
final class PruningMethodProvider implements CompressionMethodProvider {
    /** Counts compress calls in this JVM, for the resume and reuse tests. */
    static final AtomicInteger COMPRESSED = new AtomicInteger();

    @Override
    public String id() {
        return "test-prune";
    }

    @Override
    public String description() {
        return "Zeroes the smallest weights, for tests.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(new PluginOption("off-by-one", "false", "Keep one weight too many."));
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        boolean offByOne = Boolean.parseBoolean(settings.getOrDefault("off-by-one", "false"));
        return new CompressionMethod() {
            @Override
            public String id() {
                return "test-prune";
            }

            @Override
            public List<Level> levels() {
                return List.of(new Level("sparsity-0.50", 0.5));
            }

            @Override
            public long costBits(long outFeatures, long inFeatures, Level level) {
                long weights = outFeatures * inFeatures;
                return 16 * (weights - Math.round(level.value() * weights)) + weights;
            }

            @Override
            public LinearOperator compress(LinearSite site, Level level, Calibration calibration,
                    PluginContext context) {
                COMPRESSED.incrementAndGet();
                float[] values = site.weight().toFloatArray();
                long zeros = Math.round(level.value() * values.length) - (offByOne ? 1 : 0);
                int[] order = IntStream.range(0, values.length).boxed()
                        .sorted(Comparator.comparingDouble((Integer i) -> Math.abs(values[i])).thenComparingInt(i -> i))
                        .mapToInt(Integer::intValue).toArray();
                for (int i = 0; i < zeros; i++) {
                    values[order[i]] = 0f;
                }
                return new DenseTestOperator(context.tensors().of(values, site.weight().shape()), 16);
            }

            @Override
            public LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload,
                    PluginContext context) {
                Tensor weight = payload.tensors().get("weight");
                if (weight == null) {
                    throw new PressoException("payload lacks 'weight'");
                }
                return new DenseTestOperator(weight, 16);
            }
        };
    }
}
