package dev.presso.benchmarks.model;

import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.model.llama.LlamaParameters;
import dev.presso.host.internal.model.safetensors.Checkpoint;
import dev.presso.host.internal.model.safetensors.WeightUpload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Opens a model directory's checkpoint as the loader does before uploading anything: reads
 * {@code config.json}, memory-maps and validates the safetensors file(s), and checks every tensor
 * the configuration implies (name, dtype, shape). Measures the time and the process's resident
 * memory ({@code VmRSS} in {@code /proc/self/status}) before and while the checkpoint is open.
 */
public final class CheckpointOpening {
    private CheckpointOpening() {}

    /**
     * One opening.
     *
     * @param seconds wall time from reading the configuration to the last tensor checked
     * @param residentBefore resident bytes before, -1 where {@code /proc} is missing
     * @param residentOpen resident bytes with the checkpoint open, -1 where {@code /proc} is missing
     * @param tensors the number of tensors checked
     */
    public record Result(double seconds, long residentBefore, long residentOpen, int tensors) {}

    /**
     * Opens and checks the checkpoint once.
     *
     * @param directory the model directory
     * @return the time and memory
     */
    public static Result measure(Path directory) {
        long before = residentBytes();
        long start = System.nanoTime();
        LlamaConfig config = LlamaConfigReader.read(directory.resolve(LlamaConfigReader.FILE_NAME));
        try (Checkpoint checkpoint = Checkpoint.open(directory)) {
            int checked = 0;
            for (LlamaParameters.Spec spec : LlamaParameters.of(config)) {
                WeightUpload.check(checkpoint, spec.name(), spec.shape(), spec.reason());
                checked++;
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(seconds, before, residentBytes(), checked);
        }
    }

    /** Returns this process's resident set size in bytes, or -1 where {@code /proc} has none. */
    static long residentBytes() {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return 1024 * Long.parseLong(line.substring(6).replace("kB", "").strip());
                }
            }
            return -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
