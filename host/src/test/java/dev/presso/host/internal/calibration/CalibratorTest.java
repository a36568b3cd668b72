package dev.presso.host.internal.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.Models;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.calibration.CalibrationFixture.InputHook;
import dev.presso.host.internal.model.DenseLinearOperator;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.method.Calibration;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.model.LinearOperator;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Calibration of the real stories260K model on the float64 reference backend, over three sampled
 * sequences of 32, 32 and 24 tokens in batches of two (two forward passes, 88 rows per layer).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CalibratorTest {
    private static final long TOKENS = 88;
    private static final CancellationToken NEVER_CANCELLED = new CancellingAfter(Integer.MAX_VALUE);

    private TensorBackend backend;
    private Tensors tensors;
    private CausalLM model;
    private CalibrationData data;
    private List<LinearOperator> originals;
    private MemoryStats before;

    @BeforeAll
    void load() {
        data = new CalibrationData(CalibrationFixture.samples(32, 32, 24), 2);
        backend = new ReferenceBackend();
        tensors = TensorRuntime.tensors(backend);
        model = Models.load(CalibrationFixture.modelDirectory(), tensors);
        originals = model.linearSites().stream().map(LinearSite::operator).toList();
    }

    @AfterAll
    void release() throws Exception {
        if (model instanceof AutoCloseable closeable) {
            closeable.close();
        }
        if (backend != null) {
            assertEquals(0, backend.memoryStats().liveArrays(), "every array is released");
            backend.close();
        }
    }

    @BeforeEach
    void rememberMemory() {
        before = backend.memoryStats();
    }

    /** Every test leaves the model's operators and the backend's memory as it found them. */
    @AfterEach
    void checkNothingLeaks() {
        List<LinearSite> sites = model.linearSites();
        for (int i = 0; i < sites.size(); i++) {
            sites.get(i).replace(originals.get(i));
        }
        MemoryStats after = backend.memoryStats();
        assertEquals(before.liveArrays(), after.liveArrays(), "live arrays");
        assertEquals(before.liveBytes(), after.liveBytes(), "live bytes");
    }

    @Test
    void gramsAndRowCountsEqualThoseOfTheInputsAPlainHookSees() {
        Map<String, InputHook> hooks = hookInputs();
        SequencedMap<String, InputStatistics> statistics =
                new Calibrator(tensors, CalibrationSettings.defaults().withSample(12, 7)).dense(model, data);
        assertEquals(36, statistics.size());
        assertEquals(names(model.linearSites()), List.copyOf(statistics.keySet()));
        for (var entry : statistics.entrySet()) {
            InputHook hook = hooks.get(entry.getKey());
            InputStatistics calibration = entry.getValue();
            assertEquals(TOKENS, calibration.rows(), entry.getKey());
            assertEquals(TOKENS, hook.rows().size(), entry.getKey());
            assertClose(hook.gram(), calibration.gramValues(), entry.getKey());
            try (TensorScope _ = tensors.scope()) {
                Tensor gram = calibration.gram().orElseThrow();
                assertEquals(Shape.of(hook.inFeatures(), hook.inFeatures()), gram.shape());
                double[] exact = calibration.gramValues();
                float[] rounded = gram.toFloatArray();
                for (int i = 0; i < exact.length; i++) {
                    assertEquals((float) exact[i], rounded[i], entry.getKey() + " gram tensor at " + i);
                }
                float[] sample = calibration.inputSample().orElseThrow().toFloatArray();
                assertEquals(12 * hook.inFeatures(), sample.length);
                sampledPositions(hook, sample);
            }
        }
    }

    @Test
    void sitesThatShareAnInputShareTheirStatistics() {
        SequencedMap<String, InputStatistics> statistics =
                new Calibrator(tensors, CalibrationSettings.defaults()).dense(model, data);
        for (int layer = 0; layer < 5; layer++) {
            String prefix = "model.layers." + layer + ".";
            InputStatistics query = statistics.get(prefix + "self_attn.q_proj");
            assertSame(query, statistics.get(prefix + "self_attn.k_proj"));
            assertSame(query, statistics.get(prefix + "self_attn.v_proj"));
            assertNotSame(query, statistics.get(prefix + "self_attn.o_proj"));
            InputStatistics gate = statistics.get(prefix + "mlp.gate_proj");
            assertSame(gate, statistics.get(prefix + "mlp.up_proj"));
            assertNotSame(gate, statistics.get(prefix + "mlp.down_proj"));
        }
    }

    @Test
    void samplesAreDeterministicForASeedAndAlignedAcrossLayers() {
        Map<String, InputHook> hooks = hookInputs();
        Map<String, float[]> first = samples(dense(CalibrationSettings.defaults().withSample(10, 7)));
        Map<String, float[]> again = samples(dense(CalibrationSettings.defaults().withSample(10, 7)));
        Map<String, float[]> otherSeed = samples(dense(CalibrationSettings.defaults().withSample(10, 8)));
        // the head's inputs depend on the whole context, so only identical contexts (the BOS at the
        // start of each sequence) give equal rows, at every layer alike
        List<Integer> positions = sampledPositions(hooks.get("lm_head"), first.get("lm_head"));
        for (String name : first.keySet()) {
            assertArrayEquals(first.get(name), again.get(name), name);
            assertFalse(Arrays.equals(first.get(name), otherSeed.get(name)), name);
            int width = Math.toIntExact(hooks.get(name).inFeatures());
            for (int i = 0; i < positions.size(); i++) {
                assertArrayEquals(hooks.get(name).rows().get(positions.get(i)),
                        Arrays.copyOfRange(first.get(name), i * width, (i + 1) * width),
                        name + " samples the token positions the head samples");
            }
        }
    }

    @Test
    void sequentialWithAKeepingCompressorEqualsDenseInBothOrders() {
        CalibrationSettings settings = CalibrationSettings.defaults().withSample(6, 3);
        SequencedMap<String, InputStatistics> dense = dense(settings);
        for (BlockOrder order : BlockOrder.values()) {
            RecordingCompressor keep = new RecordingCompressor(site -> Optional.empty());
            new Calibrator(tensors, settings.withBlockOrder(order)).sequential(model, data, keep);
            assertEquals(names(model.linearSites()), List.copyOf(keep.seen.keySet()), order + " order");
            for (String name : dense.keySet()) {
                assertSameStatistics(dense.get(name), keep.seen.get(name), order + " " + name);
            }
            List<LinearSite> sites = model.linearSites();
            for (int i = 0; i < sites.size(); i++) {
                assertSame(originals.get(i), sites.get(i).operator(), "operator restored at " + sites.get(i).name());
            }
        }
    }

    @Test
    void wholeBlockCalibrationSeesTheCompressedEarlierLayers() {
        SequencedMap<String, InputStatistics> original = dense(CalibrationSettings.defaults());
        try (TensorScope _ = tensors.scope()) {
            RecordingCompressor halve = new RecordingCompressor(CalibratorTest::halved);
            new Calibrator(tensors, CalibrationSettings.defaults()).sequential(model, data, halve);
            assertEquals(names(model.linearSites()), List.copyOf(halve.seen.keySet()), "each site once, in order");
            for (LinearSite site : model.linearSites()) {
                assertTrue(site.operator() instanceof DenseLinearOperator replaced
                        && replaced.weight() != site.weight(), site.name() + " applies its replacement");
            }
            for (String name : names(model.linearSites().subList(0, 7))) {
                assertSameStatistics(original.get(name), halve.seen.get(name), "layer 0 sees the dense input: " + name);
            }
            assertDiffer(original.get("model.layers.1.self_attn.q_proj"),
                    halve.seen.get("model.layers.1.self_attn.q_proj"), "layer 1 sees the compressed layer 0");
            SequencedMap<String, InputStatistics> compressed = dense(CalibrationSettings.defaults());
            for (String name : compressed.keySet()) {
                if (name.contains("q_proj") || name.contains("k_proj") || name.contains("v_proj")
                        || name.equals("lm_head")) {
                    assertSameStatistics(compressed.get(name), halve.seen.get(name), name);
                }
            }
            assertDiffer(compressed.get("model.layers.0.self_attn.o_proj"),
                    halve.seen.get("model.layers.0.self_attn.o_proj"), "o_proj saw the dense q, k, v");
        }
    }

    @Test
    void trueSequentialCalibrationSeesEveryCompressedEarlierGroup() {
        SequencedMap<String, InputStatistics> original = dense(CalibrationSettings.defaults());
        try (TensorScope _ = tensors.scope()) {
            RecordingCompressor halve = new RecordingCompressor(CalibratorTest::halved);
            CalibrationSettings settings = CalibrationSettings.defaults().withBlockOrder(BlockOrder.TRUE_SEQUENTIAL);
            new Calibrator(tensors, settings).sequential(model, data, halve);
            assertEquals(names(model.linearSites()), List.copyOf(halve.seen.keySet()), "each site once, in order");
            SequencedMap<String, InputStatistics> compressed = dense(CalibrationSettings.defaults());
            for (String name : compressed.keySet()) {
                assertSameStatistics(compressed.get(name), halve.seen.get(name), name);
            }
            assertSameStatistics(original.get("model.layers.0.self_attn.q_proj"),
                    halve.seen.get("model.layers.0.self_attn.q_proj"), "the first group sees the dense input");
            assertDiffer(original.get("model.layers.0.self_attn.o_proj"),
                    halve.seen.get("model.layers.0.self_attn.o_proj"), "o_proj sees the compressed q, k, v");
        }
    }

    @Test
    void progressCountsBatchesInDenseModeAndSitesInSequentialMode() {
        RecordingProgress progress = new RecordingProgress();
        new Calibrator(tensors, CalibrationSettings.defaults(), progress, NEVER_CANCELLED)
                .dense(model, data);
        assertEquals(List.of("calibration 2: 2 closed"), progress.summaries());
        progress = new RecordingProgress();
        new Calibrator(tensors, CalibrationSettings.defaults(), progress, NEVER_CANCELLED)
                .sequential(model, data, SiteCompressor.KEEP);
        assertEquals(List.of("calibration 36: 36 closed"), progress.summaries());
        assertTrue(progress.statuses.containsAll(List.of("layer 0", "layer 4", "head", "lm_head",
                "model.layers.2.mlp.down_proj")), progress.statuses.toString());
    }

    @Test
    void aFailingCompressorLeavesTheOperatorsItDidNotReplaceAndNoTensors() {
        int[] calls = {0};
        SiteCompressor failing = (site, calibration) -> {
            if (++calls[0] == 3) {
                throw new IllegalStateException("compressor failed at " + site.name());
            }
            return Optional.empty();
        };
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new Calibrator(tensors, CalibrationSettings.defaults()).sequential(model, data, failing));
        assertEquals("compressor failed at model.layers.0.self_attn.v_proj", thrown.getMessage());
        List<LinearSite> sites = model.linearSites();
        for (int i = 0; i < sites.size(); i++) {
            assertSame(originals.get(i), sites.get(i).operator(), sites.get(i).name());
        }
    }

    @Test
    void cancellationStopsBetweenPassesAndRestoresEverything() {
        assertThrows(PressoException.class, () -> new Calibrator(tensors, CalibrationSettings.defaults(),
                ProgressOpener.NONE, new CancellingAfter(1)).dense(model, data));
        assertThrows(PressoException.class, () -> new Calibrator(tensors, CalibrationSettings.defaults(),
                ProgressOpener.NONE, new CancellingAfter(4)).sequential(model, data, SiteCompressor.KEEP));
        List<LinearSite> sites = model.linearSites();
        for (int i = 0; i < sites.size(); i++) {
            assertSame(originals.get(i), sites.get(i).operator(), sites.get(i).name());
        }
    }

    @Test
    void sequentialRefusesAModelThatCannotRunLayerByLayer() {
        CausalLM opaque = new CausalLM() {
            @Override
            public String architecture() {
                return "OpaqueForCausalLM";
            }

            @Override
            public int vocabularySize() {
                return model.vocabularySize();
            }

            @Override
            public Tensor forward(Tensor tokens) {
                return model.forward(tokens);
            }

            @Override
            public List<LinearSite> linearSites() {
                return model.linearSites();
            }
        };
        PressoException thrown = assertThrows(PressoException.class,
                () -> new Calibrator(tensors, CalibrationSettings.defaults()).sequential(opaque, data,
                        SiteCompressor.KEEP));
        assertTrue(thrown.getMessage().contains("OpaqueForCausalLM") && thrown.getMessage().contains("dense"),
                thrown.getMessage());
        assertEquals(TOKENS, new Calibrator(tensors, CalibrationSettings.defaults()).dense(opaque, data)
                .get("lm_head").rows(), "dense calibration needs only the sites");
    }

    private SequencedMap<String, InputStatistics> dense(CalibrationSettings settings) {
        return new Calibrator(tensors, settings).dense(model, data);
    }

    /** Runs the model over the calibration batches with a plain hook on every site. */
    private Map<String, InputHook> hookInputs() {
        Map<String, InputHook> hooks = new LinkedHashMap<>();
        for (LinearSite site : model.linearSites()) {
            InputHook hook = new InputHook(site.operator());
            site.replace(hook);
            hooks.put(site.name(), hook);
        }
        try (GradMode _ = tensors.noGrad()) {
            for (int[][] batch : data.batches()) {
                try (TensorScope _ = tensors.scope()) {
                    model.forward(tensors.ofInts(CalibrationData.flatten(batch),
                            Shape.of(batch.length, batch[0].length)));
                }
            }
        } finally {
            model.linearSites().forEach(site -> site.replace(hooks.get(site.name()).delegate()));
        }
        return hooks;
    }

    private Map<String, float[]> samples(SequencedMap<String, InputStatistics> statistics) {
        Map<String, float[]> samples = new LinkedHashMap<>();
        try (TensorScope _ = tensors.scope()) {
            statistics.forEach((name, s) -> samples.put(name, s.inputSample().orElseThrow().toFloatArray()));
        }
        return samples;
    }

    /** Returns where each sampled row occurs among the rows the hook saw. */
    private static List<Integer> sampledPositions(InputHook hook, float[] sample) {
        int width = Math.toIntExact(hook.inFeatures());
        List<Integer> positions = new ArrayList<>();
        for (int start = 0; start < sample.length; start += width) {
            int position = hook.indexOf(Arrays.copyOfRange(sample, start, start + width));
            assertTrue(position >= 0, "a sampled row is one of the inputs");
            positions.add(position);
        }
        return positions;
    }

    private static Optional<LinearOperator> halved(LinearSite site) {
        return Optional.of(new DenseLinearOperator(site.weight().mul(0.5f)));
    }

    private static List<String> names(List<LinearSite> sites) {
        return sites.stream().map(LinearSite::name).toList();
    }

    private static void assertClose(double[] expected, double[] actual, String name) {
        double scale = 0;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-6 * scale, name + " at " + i);
        }
    }

    private static void assertSameStatistics(InputStatistics expected, Calibration actual, String message) {
        InputStatistics other = (InputStatistics) actual;
        assertEquals(expected.rows(), other.rows(), message);
        assertArrayEquals(expected.gramValues(), other.gramValues(), message);
        assertTrue(expected.sameAs(other), message + ": samples");
    }

    private static void assertDiffer(InputStatistics dense, Calibration sequential, String message) {
        assertFalse(Arrays.equals(dense.gramValues(), ((InputStatistics) sequential).gramValues()),
                message);
    }

    /** Keeps what the compressor was given, by site name, and delegates the decision. */
    private static final class RecordingCompressor implements SiteCompressor {
        private final Function<LinearSite, Optional<LinearOperator>> decision;
        private final SequencedMap<String, Calibration> seen = new LinkedHashMap<>();

        RecordingCompressor(Function<LinearSite, Optional<LinearOperator>> decision) {
            this.decision = decision;
        }

        @Override
        public Optional<LinearOperator> compress(LinearSite site, Calibration calibration) {
            assertFalse(seen.containsKey(site.name()), site.name() + " is offered once");
            assertFalse(site.operator() instanceof RecordingOperator, "the site applies its own operator");
            seen.put(site.name(), calibration);
            return decision.apply(site);
        }
    }

    /** A token that reports cancellation once it has been polled a number of times. */
    private static final class CancellingAfter implements CancellationToken {
        private int polls;

        CancellingAfter(int polls) {
            this.polls = polls;
        }

        @Override
        public boolean isCancelled() {
            return polls <= 0;
        }

        @Override
        public void throwIfCancelled() {
            if (polls-- <= 0) {
                throw new PressoException("cancelled");
            }
        }
    }

    /** Writes each task as "name total: advanced closed" and keeps the statuses. */
    private static final class RecordingProgress implements ProgressOpener {
        private final List<String[]> tasks = new ArrayList<>();
        private final List<String> statuses = new ArrayList<>();

        @Override
        public ProgressSink open(String task, long totalSteps) {
            String[] summary = {task + " " + totalSteps, "0", ""};
            tasks.add(summary);
            return new ProgressSink() {
                @Override
                public void advance(long steps) {
                    summary[1] = String.valueOf(Long.parseLong(summary[1]) + steps);
                }

                @Override
                public void status(String message) {
                    statuses.add(message);
                }

                @Override
                public void close() {
                    summary[2] = " closed";
                }
            };
        }

        List<String> summaries() {
            return tasks.stream().map(t -> t[0] + ": " + t[1] + t[2]).toList();
        }
    }
}
