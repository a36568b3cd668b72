package dev.presso.host.internal.cli;

import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.llama.LlamaConfig;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.model.llama.LlamaParameters;
import dev.presso.host.internal.model.safetensors.Checkpoint;
import dev.presso.host.internal.model.safetensors.TensorEntry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code presso model info DIR}: the architecture, every linear site with its shape, parameter
 * count and stored dtype, the parameter totals and the size on disk, read from the configuration
 * and the safetensors headers without loading any weight.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Show a model's architecture, its linear sites (shape, parameters, stored dtype),"
                + " parameter counts and size on disk. Reads only config.json and the safetensors headers."})
final class ModelInfoCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DIR", description = "Hugging Face model directory.")
    private Path directory;

    @Override
    public Integer call() {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory + ": not a directory; expected a Hugging Face model directory");
        }
        PrintWriter out = spec.commandLine().getOut();
        LlamaConfig c = LlamaConfigReader.read(directory.resolve(LlamaConfigReader.FILE_NAME));
        try (Checkpoint checkpoint = Checkpoint.open(directory)) {
            out.printf("Model         %s (%s)%n", directory, c.architecture());
            out.printf("Shape         %d layers, hidden %d, MLP %d, %d heads / %d key-value heads of %d,"
                    + " vocabulary %d, context %d%n", c.layers(), c.hiddenSize(), c.intermediateSize(), c.heads(),
                    c.kvHeads(), c.headDim(), c.vocabularySize(), c.maxPositionEmbeddings());
            out.printf("Linear sites%n  %-40s %13s %12s  %s%n", "name", "out x in", "parameters", "stored as");
            long siteParameters = 0;
            for (LlamaParameters.Spec s : LlamaParameters.of(c)) {
                if (s.shape().rank() == 2 && !s.name().equals(LlamaParameters.EMBEDDING)) {
                    TensorEntry entry = checkpoint.entry(s.name());
                    out.printf("  %-40s %13s %,12d  %s%n", s.name().substring(0, s.name().length() - ".weight".length()),
                            s.shape().dim(0) + " x " + s.shape().dim(1), s.shape().size(), entry.dtype());
                    siteParameters += s.shape().size();
                }
            }
            if (c.tieWordEmbeddings()) {
                out.printf("  %-40s %13s %12s  tied to %s%n", LlamaParameters.LM_HEAD,
                        c.vocabularySize() + " x " + c.hiddenSize(), "-", LlamaParameters.EMBEDDING);
            }
            long parameters = LlamaParameters.of(c).stream().mapToLong(s -> s.shape().size()).sum();
            long stored = checkpoint.names().stream().mapToLong(n -> checkpoint.entry(n).shape().size()).sum();
            TreeMap<String, Long> dtypes = new TreeMap<>();
            checkpoint.names().forEach(n -> dtypes.merge(checkpoint.entry(n).dtype().name(),
                    checkpoint.entry(n).shape().size(), Long::sum));
            out.printf("Parameters    %,d in all, %,d in linear sites%s%n", parameters, siteParameters,
                    stored == parameters ? "" : String.format(" (the checkpoint stores %,d values)", stored));
            out.printf("Stored dtypes %s%n", dtypes.entrySet().stream()
                    .map(e -> String.format("%s %,d", e.getKey(), e.getValue())).toList());
            Set<Path> files = new TreeSet<>();
            checkpoint.names().forEach(n -> files.add(checkpoint.fileOf(n)));
            out.printf("On disk       %s in %d safetensors file(s); directory %s%n", bytes(size(files)), files.size(),
                    bytes(directorySize()));
        }
        return 0;
    }

    private static long size(Set<Path> files) {
        long total = 0;
        for (Path file : files) {
            try {
                total += Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return total;
    }

    private long directorySize() {
        try (Stream<Path> entries = Files.list(directory)) {
            return size(new TreeSet<>(entries.filter(Files::isRegularFile).toList()));
        } catch (IOException e) {
            throw new ModelFormatException(directory + ": cannot be listed: " + e.getMessage(), e);
        }
    }

    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format("%.2f %s (%,d bytes)", value, units[unit], bytes);
    }
}
