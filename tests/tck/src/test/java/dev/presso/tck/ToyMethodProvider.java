package dev.presso.tck;

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
import dev.presso.kernel.plugin.PluginSettings;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small compression method for testing the method kit: weights rounded to a grid (step 1/64 at
 * level {@code fine}, stored in F32; step 1/4 at level {@code coarse}, stored in F16), with one
 * deliberate flaw or none.
 */
final class ToyMethodProvider implements CompressionMethodProvider {
    /** What the method gets wrong. */
    enum Flaw {
        /** Nothing. */
        NONE,
        /** costBits says one bit more than the operator stores. */
        WRONG_COST,
        /** The coarse level costs more than the fine one. */
        COST_RISES,
        /** restore decodes a slightly different weight. */
        LOSSY_RESTORE,
        /** Each compression rounds to a slightly shifted grid. */
        NONDETERMINISTIC,
        /** apply multiplies by the original weight instead of the stored one. */
        APPLY_IGNORES_PAYLOAD,
        /** Any level is treated as the fine one. */
        ACCEPTS_FOREIGN_LEVEL
    }

    private static final PluginOption SCALE = new PluginOption("scale", "1", "A positive factor on the grid step.");
    private static final Level FINE = new Level("fine", 64);
    private static final Level COARSE = new Level("coarse", 4);

    private final Flaw flaw;
    private final AtomicInteger calls = new AtomicInteger();

    ToyMethodProvider(Flaw flaw) {
        this.flaw = flaw;
    }

    @Override
    public String id() {
        return "toy-grid";
    }

    @Override
    public String description() {
        return "Rounds weights to a grid, for testing the kit.";
    }

    @Override
    public List<PluginOption> options() {
        return List.of(SCALE);
    }

    @Override
    public CompressionMethod create(Map<String, String> settings) {
        double scale = new PluginSettings("method toy-grid", settings, options()).decimal(SCALE.name(), 1e-3, 1e3);
        return new Method(scale);
    }

    private final class Method implements CompressionMethod {
        private final double scale;

        Method(double scale) {
            this.scale = scale;
        }

        @Override
        public String id() {
            return "toy-grid";
        }

        @Override
        public List<Level> levels() {
            return List.of(FINE, COARSE);
        }

        @Override
        public long costBits(long outFeatures, long inFeatures, Level level) {
            Level known = known(level);
            if (outFeatures < 1 || inFeatures < 1) {
                throw new PressoException("toy-grid: no layer of " + outFeatures + " x " + inFeatures);
            }
            long bits = outFeatures * inFeatures * storedType(known).bits();
            return flaw == Flaw.WRONG_COST ? bits + 1 : bits;
        }

        @Override
        public LinearOperator compress(LinearSite site, Level level, Calibration calibration, PluginContext context) {
            Level known = known(level);
            context.cancellation().throwIfCancelled();
            Tensor weight = site.weight();
            if (weight.shape().rank() != 2) {
                throw new PressoException("toy-grid: " + site.name() + " is not a matrix: " + weight.shape());
            }
            float step = (float) (scale / known.value());
            float shift = flaw == Flaw.NONDETERMINISTIC ? calls.incrementAndGet() * step * 0.37f : 0;
            float[] values = weight.toFloatArray();
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.round((values[i] - shift) / step) * step + shift;
            }
            Tensor stored = context.tensors().of(values, weight.shape()).cast(storedType(known));
            OperatorPayload payload = new OperatorPayload(Map.of("w", stored), Map.of("level", known.name()));
            Operator operator = decode(weight.shape().dim(0), weight.shape().dim(1), payload, context);
            return flaw == Flaw.APPLY_IGNORES_PAYLOAD ? new Operator(operator.out, operator.in, payload,
                    operator.dense, weight) : operator;
        }

        @Override
        public LinearOperator restore(long outFeatures, long inFeatures, OperatorPayload payload,
                PluginContext context) {
            Operator operator = decode(outFeatures, inFeatures, payload, context);
            return flaw == Flaw.LOSSY_RESTORE ? new Operator(operator.out, operator.in, payload,
                    operator.dense.add(1e-3f), operator.dense.add(1e-3f)) : operator;
        }

        private Operator decode(long out, long in, OperatorPayload payload, PluginContext context) {
            String levelName = payload.attributes().getOrDefault("level", "");
            Level level = levelName.equals(FINE.name()) ? FINE : levelName.equals(COARSE.name()) ? COARSE : null;
            Tensor stored = payload.tensors().get("w");
            if (level == null || stored == null || stored.dtype() != storedType(level)
                    || !stored.shape().equals(Shape.of(out, in))) {
                throw new PressoException("toy-grid: not a payload of a " + out + " x " + in + " layer: " + payload);
            }
            Tensor dense = stored.cast(DType.F32);
            return new Operator(out, in, payload, dense, dense);
        }

        private Level known(Level level) {
            if (level.equals(FINE) || level.equals(COARSE)) {
                return level;
            }
            if (flaw == Flaw.ACCEPTS_FOREIGN_LEVEL) {
                return FINE;
            }
            throw new PressoException("toy-grid: no level " + level.name());
        }

        private DType storedType(Level level) {
            boolean fine = level.equals(FINE);
            return (flaw == Flaw.COST_RISES) == fine ? DType.F16 : DType.F32;
        }
    }

    /** The toy's operator: what it stores, the weight it reports and the weight it applies. */
    private record Operator(long out, long in, OperatorPayload payload, Tensor dense, Tensor applied)
            implements LinearOperator {
        @Override
        public long inFeatures() {
            return in;
        }

        @Override
        public long outFeatures() {
            return out;
        }

        @Override
        public Tensor apply(Tensor input) {
            return input.matmul(applied, false, true);
        }

        @Override
        public long parameterCount() {
            return out * in;
        }

        @Override
        public long storageBits() {
            Tensor w = payload.tensors().get("w");
            return w.shape().size() * w.dtype().bits();
        }

        @Override
        public Tensor denseWeight() {
            return dense;
        }
    }
}
