package dev.presso.host.internal.model.llama;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.safetensors.SafetensorsFixture;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.tensor.TensorBackend;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of deliberately broken copies of the real stories260K directory: each must fail to load
 * with a {@link ModelFormatException} whose message names the file, the tensor or field, and what
 * was expected, and must leave no array behind.
 */
class BrokenModelDirectoryTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WEIGHTS = "model.safetensors";
    private static final String NORM = "model.layers.0.input_layernorm.weight";

    /** Breaks a fresh copy of the model directory. */
    @FunctionalInterface
    interface Breakage {
        void apply(Path directory) throws IOException;
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                broken("truncated weights", d -> truncate(d.resolve(WEIGHTS), Files.size(d.resolve(WEIGHTS)) - 1000),
                        WEIGHTS, "extend past the end of the data section", "truncated"),
                broken("weights shorter than the length field", d -> truncate(d.resolve(WEIGHTS), 5),
                        WEIGHTS, "holds 5 bytes; expected at least 8"),
                broken("empty weights", d -> truncate(d.resolve(WEIGHTS), 0), WEIGHTS, "holds 0 bytes"),
                broken("header length beyond the file", d -> setHeaderLength(d.resolve(WEIGHTS), 1L << 40),
                        WEIGHTS, "header length is 1099511627776 bytes, but only", "truncated or not safetensors"),
                broken("header length as a negative long", d -> setHeaderLength(d.resolve(WEIGHTS), -8),
                        WEIGHTS, "header length is 18446744073709551608 bytes"),
                broken("header length beyond the limit", BrokenModelDirectoryTest::hugeHeaderLength,
                        WEIGHTS, "header length is 150000000 bytes; expected at most 100000000"),
                broken("header length too short", d -> shortenHeaderLength(d.resolve(WEIGHTS), 16),
                        WEIGHTS, "malformed JSON at line 1"),
                broken("header that is not an object", d -> replaceHeaderByte(d.resolve(WEIGHTS), 0, '['),
                        WEIGHTS, "does not start with '{'"),
                broken("malformed JSON header", d -> replaceHeaderByte(d.resolve(WEIGHTS), 1, '#'),
                        WEIGHTS, "malformed JSON at line 1, column"),
                broken("offsets past the data", d -> editHeader(d, h -> offsets(h, NORM, 2_000_000, 2_000_256)),
                        WEIGHTS, "tensor '" + NORM + "'", "data_offsets [2000000, 2000256] extend past the end"),
                broken("offsets not matching the shape", d -> editHeader(d, h -> offsets(h, NORM, 0, 100)),
                        WEIGHTS, "tensor '" + NORM + "'", "span 100 bytes, but dtype F32 and shape [64] need 256"),
                broken("offsets ending before they begin", d -> editHeader(d, h -> offsets(h, NORM, 256, 0)),
                        WEIGHTS, "tensor '" + NORM + "'", "end before they begin"),
                broken("overlapping offsets", d -> editHeader(d, h -> copyOffsets(h,
                        "model.layers.0.post_attention_layernorm.weight", NORM)),
                        WEIGHTS, "overlap tensor", NORM, "post_attention_layernorm"),
                broken("trailing bytes", d -> Files.write(d.resolve(WEIGHTS), new byte[8],
                        java.nio.file.StandardOpenOption.APPEND), WEIGHTS, "expected no trailing bytes"),
                broken("unknown dtype", d -> editHeader(d, h -> tensor(h, NORM).put("dtype", "F33")),
                        WEIGHTS, "tensor '" + NORM + "'", "unknown dtype 'F33'", "expected one of"),
                broken("integer weights", d -> editHeader(d, h -> tensor(h, NORM).put("dtype", "I32")),
                        WEIGHTS, "tensor '" + NORM + "' has dtype I32; expected F32, F16 or BF16"),
                broken("negative dimension", d -> editHeader(d, h -> tensor(h, NORM).putArray("shape").add(-64)),
                        WEIGHTS, "tensor '" + NORM + "'", "shape", "non-negative integers"),
                broken("missing tensor", d -> rewrite(d, f -> f.tensors().remove("model.layers.2.mlp.up_proj.weight")),
                        "lacks 1 tensor that config.json implies: 'model.layers.2.mlp.up_proj.weight'"),
                broken("unexpected tensor", d -> rewrite(d, f -> f.put("model.layers.5.mlp.up_proj.weight", "F32",
                        new float[4], 2, 2)), WEIGHTS, "unexpected tensor 'model.layers.5.mlp.up_proj.weight'"),
                broken("shapes that disagree with intermediate_size", d -> editConfig(d,
                        c -> c.put("intermediate_size", 128)), WEIGHTS,
                        "tensor 'model.layers.0.mlp.gate_proj.weight' has shape [172, 64]; expected [128, 64]",
                        "intermediate_size"),
                broken("shapes that disagree with num_key_value_heads", d -> editConfig(d,
                        c -> c.put("num_key_value_heads", 8)), WEIGHTS,
                        "tensor 'model.layers.0.self_attn.k_proj.weight' has shape [32, 64]; expected [64, 64]",
                        "num_key_value_heads"),
                broken("tied head of the wrong shape", d -> rewrite(d, f -> f.put("lm_head.weight", "F32",
                        new float[64], 1, 64)), WEIGHTS, "tensor 'lm_head.weight' has shape [1, 64]; expected [512, 64]"),
                broken("missing shard", d -> {
                    Stories260k.shard(d);
                    Files.delete(d.resolve("model-00002-of-00002.safetensors"));
                }, "model.safetensors.index.json", "in shard 'model-00002-of-00002.safetensors', which does not exist"),
                broken("index listing a tensor its shard lacks", d -> {
                    Stories260k.shard(d);
                    editIndex(d, m -> m.put("model.norm.weight", "model-00001-of-00002.safetensors"));
                }, "tensor 'model.norm.weight' is listed in shard 'model-00001-of-00002.safetensors', but that file"
                        + " has no such tensor"),
                broken("shard holding a tensor the index does not list", d -> {
                    Stories260k.shard(d);
                    editIndex(d, m -> m.remove("model.norm.weight"));
                }, "model-00002-of-00002.safetensors: holds tensor 'model.norm.weight', which"
                        + " model.safetensors.index.json does not list"),
                broken("index naming a file outside the directory", d -> {
                    Stories260k.shard(d);
                    editIndex(d, m -> m.put("model.norm.weight", "../model-00002-of-00002.safetensors"));
                }, "field 'weight_map.model.norm.weight' is '../model-00002-of-00002.safetensors'; expected a plain"
                        + " file name"),
                broken("malformed index", d -> {
                    Stories260k.shard(d);
                    Files.writeString(d.resolve("model.safetensors.index.json"), "{\"weight_map\": {");
                }, "model.safetensors.index.json: malformed JSON"),
                broken("no weights", d -> Files.delete(d.resolve(WEIGHTS)),
                        "no model.safetensors and no model.safetensors.index.json"),
                broken("no config", d -> Files.delete(d.resolve("config.json")), "config.json: file not found"),
                broken("malformed config", d -> Files.writeString(d.resolve("config.json"), "{\"hidden_size\": 64,}"),
                        "config.json: malformed JSON at line 1"),
                broken("config without hidden_size", d -> editConfig(d, c -> c.remove("hidden_size")),
                        "config.json: field 'hidden_size' is missing; expected an integer"),
                broken("config with a textual head count", d -> editConfig(d, c -> c.put("num_attention_heads", "8")),
                        "config.json: field 'num_attention_heads' is string \"8\"; expected an integer"),
                broken("config with an unsupported architecture", d -> editConfig(d,
                        c -> c.putArray("architectures").add("GPT2LMHeadModel")),
                        "field 'architectures' is 'GPT2LMHeadModel'; expected one of LlamaForCausalLM"),
                broken("config whose kv heads do not divide the heads", d -> editConfig(d,
                        c -> c.put("num_key_value_heads", 3)),
                        "field 'num_key_value_heads' is 3; expected a divisor of num_attention_heads (8)"),
                broken("config with a negative epsilon", d -> editConfig(d, c -> c.put("rms_norm_eps", -1e-5)),
                        "field 'rms_norm_eps' is -1.0E-5; expected a positive finite number"),
                broken("config with an unsupported rope scaling", d -> editConfig(d,
                        c -> c.putObject("rope_scaling").put("rope_type", "yarn").put("factor", 4.0)),
                        "field 'rope_scaling.rope_type' is 'yarn'; expected default, linear, dynamic or llama3"),
                broken("config with llama3 scaling and no original length", d -> editConfig(d,
                        c -> c.putObject("rope_scaling").put("rope_type", "llama3").put("factor", 8.0)),
                        "field 'rope_scaling.original_max_position_embeddings' is missing"),
                broken("config whose activation is not SiLU", d -> editConfig(d, c -> c.put("hidden_act", "gelu")),
                        "field 'hidden_act' is 'gelu'; expected silu"),
                broken("not a directory", d -> {
                    Files.delete(d.resolve("config.json"));
                    Files.delete(d.resolve(WEIGHTS));
                    Files.delete(d);
                    Files.writeString(d, "not a directory");
                }, "not a directory"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachBrokenDirectoryFailsWithItsClearError(String name, Breakage breakage, List<String> fragments,
            @TempDir Path temp) throws IOException {
        Path directory = Stories260k.copyTo(temp.resolve("stories260k"));
        breakage.apply(directory);
        try (TensorBackend backend = new ReferenceBackend()) {
            PressoException error = assertThrows(PressoException.class,
                    () -> LlamaLoader.load(directory, TensorRuntime.tensors(backend)));
            assertInstanceOf(ModelFormatException.class, error);
            for (String fragment : fragments) {
                assertTrue(error.getMessage().contains(fragment),
                        () -> "expected \"" + fragment + "\" in: " + error.getMessage());
            }
            assertEquals(0, backend.memoryStats().liveArrays(), "a failed load releases every array");
        }
    }

    private static Arguments broken(String name, Breakage breakage, String... fragments) {
        return Arguments.of(name, breakage, List.of(fragments));
    }

    private static void truncate(Path file, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
    }

    private static long headerLength(Path file) throws IOException {
        byte[] first = Arrays.copyOf(Files.readAllBytes(file), 8);
        return ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private static void setHeaderLength(Path file, long length) throws IOException {
        byte[] all = Files.readAllBytes(file);
        ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN).putLong(0, length);
        Files.write(file, all);
    }

    private static void shortenHeaderLength(Path file, long by) throws IOException {
        setHeaderLength(file, headerLength(file) - by);
    }

    /** A sparse file long enough that a 150 MB header length fits, so only the size limit is broken. */
    private static void hugeHeaderLength(Path directory) throws IOException {
        Path file = directory.resolve(WEIGHTS);
        setHeaderLength(file, 150_000_000L);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(160_000_000L);
        }
    }

    private static void replaceHeaderByte(Path file, int index, char value) throws IOException {
        byte[] all = Files.readAllBytes(file);
        all[8 + index] = (byte) value;
        Files.write(file, all);
    }

    private static void editHeader(Path directory, Consumer<ObjectNode> edit) {
        Path file = directory.resolve(WEIGHTS);
        SafetensorsFixture.read(file).write(file, edit);
    }

    private static void rewrite(Path directory, Consumer<SafetensorsFixture> edit) {
        Path file = directory.resolve(WEIGHTS);
        SafetensorsFixture fixture = SafetensorsFixture.read(file);
        edit.accept(fixture);
        fixture.write(file);
    }

    private static ObjectNode tensor(ObjectNode header, String name) {
        return (ObjectNode) header.get(name);
    }

    private static void offsets(ObjectNode header, String name, long begin, long end) {
        tensor(header, name).putArray("data_offsets").add(begin).add(end);
    }

    private static void copyOffsets(ObjectNode header, String from, String to) {
        tensor(header, to).set("data_offsets", header.get(from).get("data_offsets").deepCopy());
    }

    private static void editConfig(Path directory, Consumer<ObjectNode> edit) throws IOException {
        Path file = directory.resolve("config.json");
        ObjectNode config = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept(config);
        Files.writeString(file, config.toPrettyString());
    }

    private static void editIndex(Path directory, Consumer<ObjectNode> edit) throws IOException {
        Path file = directory.resolve("model.safetensors.index.json");
        ObjectNode index = (ObjectNode) JSON.readTree(file.toFile());
        edit.accept((ObjectNode) index.get("weight_map"));
        Files.writeString(file, index.toPrettyString());
    }

}
