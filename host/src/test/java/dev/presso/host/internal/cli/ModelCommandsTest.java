package dev.presso.host.internal.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.internal.tokenizer.TokenizerLoader;
import dev.presso.kernel.model.Tokenizer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code model info}, {@code generate} and {@code eval} on the real stories260K model, on the reference backend. */
class ModelCommandsTest {
    private static Path model;
    private static JsonNode reference;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void locate() throws IOException {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "system property presso.shared.data is not set; run through Maven");
        model = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(model.resolve("model.safetensors")), "no stories260K model at " + model);
        reference = JsonMapper.builder().build().readTree(model.resolve("reference.json").toFile());
    }

    private int run(String... args) {
        CommandLine cli = PressoCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    private void assertUserError(int code, String expected) {
        String message = err.toString();
        assertAll(
                () -> assertEquals(FriendlyErrors.USER_ERROR, code, message),
                () -> assertTrue(message.contains(expected), message),
                () -> assertEquals(1, message.strip().lines().count(), message),
                () -> assertFalse(message.contains("\tat "), message));
    }

    @Test
    void modelInfoShowsArchitectureSitesParametersAndSize() {
        int code = run("model", "info", model.toString());
        String text = out.toString();
        assertAll(
                () -> assertEquals(0, code, text + err),
                () -> assertTrue(text.contains("(LlamaForCausalLM)"), text),
                () -> assertTrue(text.contains("5 layers, hidden 64, MLP 172, 8 heads / 4 key-value heads of 8,"
                        + " vocabulary 512, context 512"), text),
                () -> assertTrue(text.matches("(?s).*model\\.layers\\.4\\.mlp\\.down_proj\\s+64 x 172\\s+11,008\\s+F32.*"),
                        text),
                () -> assertTrue(text.contains("tied to model.embed_tokens.weight"), text),
                () -> assertTrue(text.contains("Parameters    260,032 in all, 226,560 in linear sites (the checkpoint"
                        + " stores 292,800 values)"), text),
                () -> assertTrue(text.contains("1.12 MiB (1,176,152 bytes) in 1 safetensors file(s)"), text));
    }

    @Test
    void greedyGenerationStreamsTheReferenceContinuation() {
        int code = run("generate", model.toString(), "--prompt", "Once upon a time", "--max-tokens", "8",
                "--provider", ReferenceBackend.NAME);
        int[] prompt = IntStream.range(0, 5).map(i -> reference.get("prompt_ids").get(i).intValue()).toArray();
        int[] ids = Arrays.copyOf(prompt, 13);
        for (int i = 0; i < 8; i++) {
            ids[5 + i] = reference.get("greedy_from_prompt").get(i).intValue();
        }
        try (Tokenizer tokenizer = TokenizerLoader.load(model)) {
            String expected = tokenizer.decode(ids, true);
            assertAll(
                    () -> assertEquals(0, code, err.toString()),
                    () -> assertEquals(expected + System.lineSeparator(), out.toString()),
                    () -> assertTrue(expected.startsWith("Once upon a time, there was a little"), expected));
        }
    }

    @Test
    void samplingIsReproducibleForASeed() {
        String[] args = {"generate", model.toString(), "--prompt", "Once", "--max-tokens", "6", "--temperature", "1",
            "--top-p", "0.9", "--seed", "42", "--provider", ReferenceBackend.NAME};
        assertEquals(0, run(args), err.toString());
        String first = out.toString();
        out.getBuffer().setLength(0);
        assertEquals(0, run(args), err.toString());
        assertAll(
                () -> assertEquals(first, out.toString()),
                () -> assertTrue(first.startsWith("Once") && first.length() > "Once\n".length(), first));
    }

    @Test
    void evalTokenizesTextAndReportsTheEvaluatorsMetrics(@TempDir Path dir) throws IOException {
        String text = Files.readString(model.resolve("tinystories-text.txt"));
        int cut = text.indexOf("<|endoftext|>", text.indexOf("<|endoftext|>") + 1) + "<|endoftext|>\n".length();
        Path twoStories = Files.writeString(dir.resolve("two.txt"), text.substring(0, cut));
        int code = run("eval", model.toString(), "--data", twoStories.toString(), "--metric", "test-nll",
                "--provider", ReferenceBackend.NAME);
        JsonNode ids = JsonMapper.builder().build().readTree(model.resolve("tinystories-text.ids.json").toFile());
        double[] perStory = {reference.get("dense_text_ppl").get("per_story_mean_nll").get(0).doubleValue(),
            reference.get("dense_text_ppl").get("per_story_mean_nll").get(1).doubleValue()};
        // dense_text_ppl's per-story means score the first 512 ids; story 1 has 620.
        int n0 = Math.min(512, ids.get(0).size()) - 1;
        int n1 = Math.min(512, ids.get(1).size()) - 1;
        int tokens = ids.get(0).size() + ids.get(1).size();
        double expected = (perStory[0] * n0 + perStory[1] * n1) / (n0 + n1);
        String report = out.toString();
        assertAll(
                () -> assertEquals(0, code, report + err),
                () -> assertTrue(report.startsWith("test-nll of " + model + " on two.txt (2 sequences, "
                        + tokens + " tokens)"), report),
                () -> assertTrue(report.contains(String.format("nll         %.6f nats/token", expected))
                        || report.contains(String.format("nll         %.6f nats/token", expected + 1e-6))
                        || report.contains(String.format("nll         %.6f nats/token", expected - 1e-6)), report),
                // --max-length defaults to the model's context length.
                () -> assertTrue(report.contains("max-length  512"), report));
    }

    @Test
    void aMissingModelDirectoryIsOneLineAndExitCode2() {
        assertUserError(run("model", "info", "/no/such/model"), "/no/such/model: not a directory");
    }

    @Test
    void anUnknownMetricListsTheInstalledOnes() {
        assertUserError(run("eval", model.toString(), "--data", model.resolve("samples-256x64.i32").toString(),
                "--metric", "bleu", "--provider", ReferenceBackend.NAME), "unknown metric 'bleu'; expected one of test-nll");
    }

    @Test
    void anUnreadableDataFileIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "[[1, 2], [3,");
        assertUserError(run("eval", model.toString(), "--data", broken.toString(), "--metric", "test-nll",
                "--provider", ReferenceBackend.NAME), "broken.json: malformed JSON");
    }

    @Test
    void aMissingDataFileIsOneLineAndExitCode2(@TempDir Path dir) {
        assertUserError(run("eval", model.toString(), "--data", dir.resolve("none.i32").toString(), "--metric",
                "test-nll", "--provider", ReferenceBackend.NAME), "none.i32: file not found");
    }
}
