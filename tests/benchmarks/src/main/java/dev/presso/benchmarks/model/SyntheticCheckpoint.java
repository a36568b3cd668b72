package dev.presso.benchmarks.model;

import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.model.llama.LlamaParameters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Writes a large LLaMA model directory quickly: a {@code config.json} with TinyLlama-1.1B's layer
 * shapes (hidden 2048, MLP 5632, 32 heads, 4 key/value heads, vocabulary 32000, tied head) and as
 * many layers as reach the requested size, and a valid {@code model.safetensors} whose F32 tensors
 * are all zero. The data is never written: the file is extended to its full length by writing its
 * last byte, so on file systems with sparse files it takes no disk space and no time.
 */
public final class SyntheticCheckpoint {
    private static final long HIDDEN = 2048;
    private static final long INTERMEDIATE = 5632;
    private static final long HEADS = 32;
    private static final long KV_HEADS = 4;
    private static final long VOCABULARY = 32000;

    private SyntheticCheckpoint() {}

    /**
     * Writes the directory.
     *
     * @param directory an existing, empty directory
     * @param targetBytes the least size of the weights
     * @return the safetensors file
     * @throws IOException if a file cannot be written
     */
    public static Path write(Path directory, long targetBytes) throws IOException {
        long headDim = HIDDEN / HEADS;
        long perLayer = Float.BYTES * (2 * HIDDEN + 2 * HIDDEN * HIDDEN + 2 * KV_HEADS * headDim * HIDDEN
                + 3 * INTERMEDIATE * HIDDEN);
        long embedding = Float.BYTES * VOCABULARY * HIDDEN;
        long layers = Math.max(1, (targetBytes - embedding + perLayer - 1) / perLayer);
        Path configFile = directory.resolve(LlamaConfigReader.FILE_NAME);
        Files.writeString(configFile, """
                {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "hidden_act": "silu",
                 "hidden_size": %d, "intermediate_size": %d, "num_hidden_layers": %d,
                 "num_attention_heads": %d, "num_key_value_heads": %d, "vocab_size": %d,
                 "max_position_embeddings": 2048, "rms_norm_eps": 1e-05, "rope_theta": 10000.0,
                 "tie_word_embeddings": true, "torch_dtype": "float32"}
                """.formatted(HIDDEN, INTERMEDIATE, layers, HEADS, KV_HEADS, VOCABULARY));
        LlamaConfig config = LlamaConfigReader.read(configFile);
        List<LlamaParameters.Spec> specs = LlamaParameters.of(config).stream()
                .sorted(Comparator.comparing(LlamaParameters.Spec::name))
                .toList();
        StringBuilder header = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (LlamaParameters.Spec spec : specs) {
            long end = offset + Float.BYTES * spec.shape().size();
            header.append(",\"").append(spec.name()).append("\":{\"dtype\":\"F32\",\"shape\":[")
                    .append(java.util.Arrays.stream(spec.shape().toArray()).mapToObj(Long::toString)
                            .collect(Collectors.joining(",")))
                    .append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        header.append('}');
        while (header.length() % 8 != 0) {
            header.append(' ');
        }
        byte[] json = header.toString().getBytes(StandardCharsets.UTF_8);
        Path file = directory.resolve("model.safetensors");
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer length = ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length);
            channel.write(length.flip());
            channel.write(ByteBuffer.wrap(json));
            long total = Long.BYTES + json.length + offset;
            channel.write(ByteBuffer.wrap(new byte[1]), total - 1);
        }
        return file;
    }

    /**
     * Deletes a directory this class wrote.
     *
     * @param directory the directory
     * @throws IOException if a file cannot be deleted
     */
    public static void delete(Path directory) throws IOException {
        try (var files = Files.list(directory)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(directory);
    }
}
