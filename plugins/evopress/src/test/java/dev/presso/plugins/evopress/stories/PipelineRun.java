package dev.presso.plugins.evopress.stories;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.presso.host.Host;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs a pipeline on the real stories260K through the host in class-path mode (every plugin on the
 * test class path) and reads what it wrote: each variant's searched allocation and metrics from
 * {@code report.json}, and each level's cost and zero count from the database's
 * {@code database.json}, so the tests recompute budgets and zero counts themselves.
 */
final class PipelineRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;
    private final JsonNode report;

    private PipelineRun(Path folder) {
        this.folder = folder;
        this.report = read(folder.resolve("report.json"));
    }

    /** The shared stories260K folder, or a skipped test when it is not there. */
    static Path stories260k() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "system property presso.shared.data is not set; run through Maven");
        Path model = Path.of(root, "stories260k").toAbsolutePath();
        assumeTrue(Files.isRegularFile(model.resolve("model.safetensors")), "no stories260K at " + model);
        return model;
    }

    /**
     * Writes a pipeline (the header with the model and data, then the given stages and variants)
     * and runs it.
     *
     * @param work a temporary folder
     * @param name the pipeline's name
     * @param body the YAML after {@code data:}: {@code stages:} and {@code variants:}
     * @return the finished run
     */
    static PipelineRun run(Path work, String name, String body) {
        Path model = stories260k();
        String yaml = "presso: 1\nname: " + name + "\nseed: 7\nmodel: " + model + "\n"
                // any version: in a reactor build the plugins are class folders without a bundle version
                + "plugins: {baselines: \"*\", obs: \"*\", evopress: \"*\", evaluators: \"*\"}\n"
                + "data:\n"
                + "  calibration: {path: " + model.resolve("samples-256x64.json") + ", sequence-length: 256}\n"
                + "  evaluation: {path: " + model.resolve("tinystories-text.ids.json") + ", sequence-length: 512}\n"
                + body;
        try {
            Path pipeline = work.resolve(name + ".yaml");
            Files.writeString(pipeline, yaml);
            try (Host host = Host.classpath()) {
                Host.RunSummary summary = host.run(pipeline, work.resolve("run"), false);
                assertTrue(summary.succeeded(), "the run failed: " + summary.problems());
                return new PipelineRun(summary.folder());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns a variant's node of {@code report.json}. */
    JsonNode variant(String name) {
        for (JsonNode variant : report.path("variants")) {
            if (variant.path("name").asText().equals(name)) {
                return variant;
            }
        }
        throw new AssertionError("report.json has no variant " + name);
    }

    /** Returns the levels a variant's search chose, in unit order. */
    List<Integer> levels(String variant) {
        List<Integer> levels = new ArrayList<>();
        for (JsonNode unit : variant(variant).path("searches").path(0).path("allocation")) {
            levels.add(unit.path("level").asInt());
        }
        assertTrue(!levels.isEmpty(), "variant " + variant + " reports no allocation");
        return levels;
    }

    /** Returns a variant's metric, such as {@code kl}. */
    double metric(String variant, String name) {
        JsonNode value = variant(variant).path("metrics").path(name);
        assertTrue(value.isNumber(), "variant " + variant + " has no metric " + name);
        return value.asDouble();
    }

    /** Returns the units of the only {@code database.json} of the run. */
    JsonNode databaseUnits() {
        try (Stream<Path> files = Files.walk(folder)) {
            List<Path> databases = files.filter(f -> f.getFileName().toString().equals("database.json")).toList();
            assertTrue(databases.size() == 1, "expected one database.json in " + folder + ", found " + databases);
            return read(databases.getFirst()).path("units");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Returns the sum over a variant's units of a numeric field of the level it chose, looked up
     * in the database by unit name.
     *
     * @param variant the variant
     * @param field {@code costBits} or {@code zeros}
     * @return the sum
     */
    long sum(String variant, String field) {
        java.util.Map<String, JsonNode> units = new java.util.HashMap<>();
        databaseUnits().forEach(unit -> units.put(unit.path("name").asText(), unit));
        long total = 0;
        int count = 0;
        for (JsonNode chosen : variant(variant).path("searches").path(0).path("allocation")) {
            JsonNode unit = units.get(chosen.path("unit").asText());
            assertTrue(unit != null, "unit " + chosen.path("unit").asText() + " is not in the database");
            JsonNode value = unit.path("levels").path(chosen.path("level").asInt()).path(field);
            assertTrue(value.isNumber(), "database level has no " + field);
            total += value.asLong();
            count++;
        }
        assertTrue(count == units.size(), "variant " + variant + " allocates " + count + " of " + units.size()
                + " database units");
        return total;
    }

    /** Returns the sum of a numeric field of every unit's level at an index, such as the uniform centre. */
    long uniformSum(int level, String field) {
        long total = 0;
        for (JsonNode unit : databaseUnits()) {
            total += unit.path("levels").path(level).path(field).asLong();
        }
        return total;
    }

    /** Returns the total parameters of the database's units. */
    long parameters() {
        long total = 0;
        for (JsonNode unit : databaseUnits()) {
            total += unit.path("parameters").asLong();
        }
        return total;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
