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
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test method: rounds weights to a grid of step 0.01, 0.05 or 0.1 (the level). Settings make it
 * throw on a site, hang on a site, or cancel the run after some sites, for the engine's failure
 * tests.
 */
final class RoundingMethodProvider implements CompressionMethodProvider {
    /** Counts compress calls in this JVM, for the resume test. */
    static final AtomicInteger COMPRESSED = new AtomicInteger();
    private static final List<Level> LEVELS = List.of(new Level("step-0.01", 0.01), new Level("step-0.05", 0.05),
            new Level("step-0.1", 0.1));

    @Override
    public String id() {
        return "test-round";
    }

    @Override
    public String description() {
        return "Rounds weights to a grid, for tests.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(new PluginOption("fail-on", "", "Site that throws."),
                new PluginOption("hang-on", "", "Site that never returns until cancelled."));
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        String failOn = settings.getOrDefault("fail-on", "");
        String hangOn = settings.getOrDefault("hang-on", "");
        return new CompressionMethod() {
            @Override
            public String id() {
                return "test-round";
            }

            @Override
            public List<Level> levels() {
                return LEVELS;
            }

            @Override
            public long costBits(long outFeatures, long inFeatures, Level level) {
                return outFeatures * inFeatures * bits(level);
            }

            @Override
            public LinearOperator compress(LinearSite site, Level level, Calibration calibration,
                    PluginContext context) {
                if (site.name().equals(failOn)) {
                    throw new IllegalStateException("refusing " + site.name());
                }
                while (site.name().equals(hangOn)) {
                    context.cancellation().throwIfCancelled();
                    Thread.onSpinWait();
                }
                COMPRESSED.incrementAndGet();
                float step = (float) level.value();
                float[] values = site.weight().toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    values[i] = Math.round(values[i] / step) * step;
                }
                return new DenseTestOperator(context.tensors().of(values, site.weight().shape()), bits(level));
            }

            @Override
            public LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload,
                    PluginContext context) {
                Tensor weight = payload.tensors().get("weight");
                if (weight == null) {
                    throw new PressoException("payload lacks 'weight'");
                }
                return new DenseTestOperator(weight, Integer.parseInt(payload.attributes().get("bits")));
            }
        };
    }

    private static int bits(Level level) {
        return level.value() < 0.02 ? 8 : level.value() < 0.07 ? 6 : 4;
    }
}
