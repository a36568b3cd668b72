package dev.presso.host.internal.run;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.presso.host.internal.calibration.ProgressOpener;
import dev.presso.host.internal.io.CanonicalJson;
import dev.presso.host.internal.pipeline.reader.PipelineReader;
import dev.presso.host.internal.pipeline.spec.PipelineSpec;
import dev.presso.kernel.pipeline.ProgressSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Database stages and searches over them on the real stories260K model with the test methods:
 * exact sparsity ladders, resume to the same bytes, reuse and the cache, depth databases, and a
 * method that misses its zero count.
 */
class DatabaseStagesTest {
    private static final Path DATA = Path.of(System.getProperty("presso.shared.data", "../../shared/data"))
            .toAbsolutePath();
    private static final Path MODEL = DATA.resolve("stories260k");
    private static final String SPARSE = "checkpoints/shared/02-sparse";

    @TempDir Path temp;

    @Test
    void aSparsityLadderHasExactZeroCountsAndItsSearchKeepsTheUniformCount() throws IOException {
        RunOutcome outcome = run(sparsePipeline("", "false"), "run", false, ProgressOpener.NONE);
        assertTrue(outcome.succeeded(), outcome.problems().toString());
        JsonNode database = json(temp.resolve("run").resolve(SPARSE).resolve(LevelDatabase.FILE));
        assertEquals(4, database.get("units").size());
        for (JsonNode unit : database.get("units")) {
            long weights = unit.get("parameters").asLong();
            JsonNode levels = unit.get("levels");
            assertEquals(3, levels.size());
            for (int i = 0; i < 3; i++) {
                long zeros = Math.round(0.5 * weights) + (i - 1) * 8L;
                assertEquals(zeros, levels.get(i).get("zeros").asLong(), unit.toString());
                assertEquals("sparsity-" + zeros, levels.get(i).get("name").asText());
            }
            assertEquals(16 * 8, levels.get(0).get("costBits").asLong() - levels.get(1).get("costBits").asLong());
            assertTrue(levels.get(0).get("error").asDouble() > 0);
            assertTrue(levels.get(0).get("error").asDouble() < levels.get(1).get("error").asDouble());
            assertTrue(levels.get(1).get("error").asDouble() < levels.get(2).get("error").asDouble());
        }
        JsonNode search = json(temp.resolve("run/checkpoints/evo/01-search/done.json"));
        assertEquals(search.get("uniformZeros").asLong(), search.get("zeros").asLong());
        assertEquals(4, search.get("levelSum").asLong());
        assertTrue(search.get("spentBits").asLong() <= search.get("budgetBits").asLong());
        JsonNode trace = json(temp.resolve("run/report.json")).get("variants").get(0).get("searches").get(0);
        assertEquals(search.get("zeros").asLong(), trace.get("outcome").get("zeros").asLong());
        assertEquals(search.get("spentBits").asLong(), trace.get("outcome").get("spentBits").asLong());
        assertEquals(4, trace.get("points").size());
        assertEquals(4, trace.get("allocation").size());
        assertTrue(Files.readString(temp.resolve("run/report.html")).contains("chart allocation"));
    }

    @Test
    void aBuildKilledMidwayResumesToTheBytesOfAnUninterruptedOne() throws IOException {
        run(sparsePipeline("", "false"), "whole", false, ProgressOpener.NONE);
        RunCancellation cancellation = new RunCancellation();
        RunOutcome interrupted = run(sparsePipeline("", "false"), "resumed", false, cancelAfter(cancellation, 5),
                cancellation);
        assertEquals("RUN003", interrupted.problems().getFirst().code(), interrupted.problems().toString());
        List<Path> partial = files(temp.resolve("resumed").resolve(SPARSE));
        assertTrue(partial.size() > 2 && !partial.contains(Path.of(LevelDatabase.FILE)), partial.toString());
        int before = PruningMethodProvider.COMPRESSED.get();
        RunOutcome resumed = run(sparsePipeline("", "false"), "resumed", true, ProgressOpener.NONE);
        assertTrue(resumed.succeeded(), resumed.problems().toString());
        assertTrue(PruningMethodProvider.COMPRESSED.get() - before < 12, "finished levels are not made again");
        List<Path> whole = files(temp.resolve("whole").resolve(SPARSE));
        assertEquals(whole, files(temp.resolve("resumed").resolve(SPARSE)));
        for (Path file : whole) {
            if (!file.toString().endsWith(".json") || file.toString().equals(LevelDatabase.FILE)) {
                assertArrayEquals(Files.readAllBytes(temp.resolve("whole").resolve(SPARSE).resolve(file)),
                        Files.readAllBytes(temp.resolve("resumed").resolve(SPARSE).resolve(file)), file.toString());
            }
        }
        assertArrayEquals(Files.readAllBytes(temp.resolve("whole/checkpoints/evo/01-search/allocation.json")),
                Files.readAllBytes(temp.resolve("resumed/checkpoints/evo/01-search/allocation.json")));
    }

    @Test
    void aLaterRunReusesADatabaseByPathOrFromTheCacheWithoutCompressing() throws IOException {
        String previous = System.getProperty("presso.cache");
        System.setProperty("presso.cache", temp.resolve("cache").toString());
        try {
            RunOutcome first = run(sparsePipeline("", "true"), "first", false, ProgressOpener.NONE);
            assertTrue(first.succeeded(), first.problems().toString());
            int before = PruningMethodProvider.COMPRESSED.get();
            RunOutcome reused = run(sparsePipeline("reuse: " + temp.resolve("first").resolve(SPARSE) + ", ",
                    "false"), "reused", false, ProgressOpener.NONE);
            assertTrue(reused.succeeded(), reused.problems().toString());
            RunOutcome cached = run(sparsePipeline("", "true"), "cached", false, ProgressOpener.NONE);
            assertTrue(cached.succeeded(), cached.problems().toString());
            assertEquals(before, PruningMethodProvider.COMPRESSED.get(), "nothing was compressed again");
            assertTrue(json(temp.resolve("reused").resolve(SPARSE).resolve("done.json")).get("source").asText()
                    .startsWith("reused from"));
            assertTrue(json(temp.resolve("cached").resolve(SPARSE).resolve("done.json")).get("source").asText()
                    .startsWith("taken from the cache"));
            assertArrayEquals(Files.readAllBytes(temp.resolve("first").resolve(SPARSE).resolve(LevelDatabase.FILE)),
                    Files.readAllBytes(temp.resolve("cached").resolve(SPARSE).resolve(LevelDatabase.FILE)));
            RunOutcome mismatched = run(sparsePipeline("reuse: " + temp.resolve("first").resolve(SPARSE) + ", ",
                    "false").replace("target: 0.5", "target: 0.4"), "mismatched", false, ProgressOpener.NONE);
            assertFalse(mismatched.succeeded());
            assertTrue(mismatched.problems().getFirst().message().contains("ladder"),
                    mismatched.problems().toString());
        } finally {
            if (previous == null) {
                System.clearProperty("presso.cache");
            } else {
                System.setProperty("presso.cache", previous);
            }
        }
    }

    @Test
    void aMethodThatMissesTheZeroCountFailsTheStageNamingMethodAndUnit() {
        RunOutcome outcome = run(sparsePipeline("params: {off-by-one: true}, ", "false"), "run", false,
                ProgressOpener.NONE);
        assertFalse(outcome.succeeded());
        String message = outcome.problems().getFirst().message();
        assertTrue(message.contains("method test-prune") && message.contains("model.layers.0.self_attn.q_proj")
                && message.contains("expected exactly"), message);
    }

    @Test
    void aDepthSearchDropsWholeSubBlocksUnderItsGroupBudgets() throws IOException {
        String pipeline = header() + """
                stages:
                  - database: {name: blocks, depth: {attention: true, mlp: true}}
                variants:
                  - name: drop
                    stages:
                      - search: {strategy: test-swap, params: {generations: 2}, database: blocks,
                                 budget: {drop: {attention: 1, mlp: 2}}}
                      - evaluate: {metrics: [test-nll]}
                """;
        RunOutcome outcome = run(pipeline, "run", false, ProgressOpener.NONE);
        assertTrue(outcome.succeeded(), outcome.problems().toString());
        JsonNode search = json(temp.resolve("run/checkpoints/drop/01-search/done.json"));
        JsonNode database = json(temp.resolve("run/checkpoints/shared/01-blocks").resolve(LevelDatabase.FILE));
        assertEquals(10, database.get("units").size());
        long attention = database.get("units").get(0).get("levels").get(0).get("costBits").asLong();
        long mlp = database.get("units").get(1).get("levels").get(0).get("costBits").asLong();
        int[] kept = new int[2];
        for (int u = 0; u < 10; u++) {
            kept[u % 2] += search.get("levels").get(u).asInt() == 0 ? 1 : 0;
        }
        assertTrue(kept[0] <= 4 && kept[1] <= 3, search.toString());
        assertEquals(kept[0] * attention, search.get("groupSpentBits").get("attention").asLong());
        assertEquals(kept[1] * mlp, search.get("groupSpentBits").get("mlp").asLong());
        assertEquals(4 * attention, search.get("groupBudgetsBits").get("attention").asLong());
        assertEquals(3 * mlp, search.get("groupBudgetsBits").get("mlp").asLong());
        BranchResult drop = outcome.results().get(1);
        assertEquals(10 - kept[0] - kept[1], drop.layers().size(), "the output projections of the dropped sub-blocks");
        assertTrue(drop.layers().stream()
                .allMatch(layer -> layer.storageBits() == 0 && layer.level().equals("dropped")));
        assertTrue(drop.metrics().get("nll") > outcome.results().get(0).metrics().getOrDefault("nll", 0.0));
    }

    private String sparsePipeline(String extra, String cache) {
        return header() + """
                stages:
                  - calibrate
                  - database: {name: sparse, method: test-prune, %starget: ["model.layers.0.self_attn.*"],
                               sparsity: {target: 0.5, steps: 1, weights-per-step: 8}, cache: %s}
                variants:
                  - name: evo
                    stages:
                      - search: {strategy: test-swap, database: sparse, budget: {sparsity: target}}
                """.formatted(extra, cache).replace("target: [", "targets: [");
    }

    private static String header() {
        return """
                presso: 1
                name: databases
                seed: 3
                model: %s
                data:
                  calibration: {path: %s, sequence-length: 64, max-sequences: 6}
                  evaluation: {path: %s, sequence-length: 64, max-sequences: 4}
                """.formatted(MODEL, DATA.resolve("stories260k/samples-256x64.json"),
                DATA.resolve("stories260k/samples-256x64.json"));
    }

    private RunOutcome run(String pipeline, String out, boolean resume, ProgressOpener progress) {
        return run(pipeline, out, resume, progress, new RunCancellation());
    }

    private RunOutcome run(String pipeline, String out, boolean resume, ProgressOpener progress,
            RunCancellation cancellation) {
        assumeTrue(Files.isDirectory(MODEL), "needs " + MODEL);
        try {
            Path file = temp.resolve(out + ".yaml");
            Files.writeString(file, pipeline);
            var read = PipelineReader.read(file);
            assertTrue(read.isValid(), () -> read.getError().toString());
            PipelineSpec spec = read.get();
            return new PipelineEngine(new TestCatalog()).run(spec, pipeline.getBytes(StandardCharsets.UTF_8), MODEL,
                    new PipelineEngine.Options(temp.resolve(out), resume, java.util.Optional.empty(), progress,
                            "test"), cancellation);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ProgressOpener cancelAfter(RunCancellation cancellation, int steps) {
        AtomicInteger done = new AtomicInteger();
        return (task, total) -> new ProgressSink() {
            @Override
            public void advance(long count) {
                if (task.startsWith("database") && done.addAndGet((int) count) >= steps) {
                    cancellation.cancel("test interrupt");
                }
            }

            @Override
            public void status(String message) {}

            @Override
            public void close() {}
        };
    }

    private static List<Path> files(Path folder) throws IOException {
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            walk.filter(Files::isRegularFile).map(folder::relativize)
                    .filter(p -> !p.toString().equals("done.json")).sorted().forEach(found::add);
        }
        return found;
    }

    private static JsonNode json(Path file) throws IOException {
        return CanonicalJson.mapper().readTree(file.toFile());
    }
}
