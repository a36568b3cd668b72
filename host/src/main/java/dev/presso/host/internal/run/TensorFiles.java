package dev.presso.host.internal.run;

import dev.presso.host.internal.io.AtomicFiles;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.safetensors.SafetensorsDType;
import dev.presso.host.internal.model.safetensors.SafetensorsFile;
import dev.presso.host.internal.model.safetensors.SafetensorsWriter;
import dev.presso.host.internal.model.safetensors.TensorEntry;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/**
 * Saves named tensors of any Presso dtype to a safetensors file and reads them back exactly.
 * Types safetensors knows are stored as themselves; packed low-bit types (I4, I2, I1) are stored
 * as their raw bytes ({@code U8}), with the Presso dtype and shape in the file's metadata under
 * {@code presso.dtype.NAME} and {@code presso.shape.NAME}.
 */
final class TensorFiles {
    private static final String DTYPE_KEY = "presso.dtype.";
    private static final String SHAPE_KEY = "presso.shape.";

    private TensorFiles() {}

    /**
     * Writes tensors and metadata to a file atomically.
     *
     * @param file the target
     * @param tensors the tensors by name
     * @param metadata extra metadata strings
     * @param backend the backend the tensors live on
     */
    static void write(Path file, Map<String, Tensor> tensors, Map<String, String> metadata, TensorBackend backend) {
        SequencedMap<String, SafetensorsWriter.Entry> entries = new LinkedHashMap<>();
        Map<String, String> allMetadata = new TreeMap<>(metadata);
        new TreeMap<>(tensors).forEach((name, tensor) -> {
            byte[] bytes = backend.toBytes(tensor.array());
            long[] dims = tensor.shape().toArray();
            SafetensorsDType stored = storedType(tensor.dtype());
            if (stored == SafetensorsDType.U8 && tensor.dtype() != DType.U8) {
                allMetadata.put(DTYPE_KEY + name, tensor.dtype().name());
                allMetadata.put(SHAPE_KEY + name, SafetensorsWriter.dims(dims));
                dims = new long[] {bytes.length};
            }
            entries.put(name, new SafetensorsWriter.Entry(stored, dims, bytes));
        });
        AtomicFiles.write(file, out -> SafetensorsWriter.write(out, entries, allMetadata));
    }

    /**
     * Reads every tensor of a file written by {@link #write}.
     *
     * @param file the file
     * @param tensors the front end to upload onto
     * @return the tensors by name, and the metadata without the dtype and shape keys
     */
    static Loaded read(Path file, Tensors tensors) {
        try (SafetensorsFile safetensors = SafetensorsFile.open(file)) {
            Map<String, String> metadata = safetensors.metadata();
            Map<String, Tensor> loaded = new TreeMap<>();
            for (TensorEntry entry : safetensors.tensors().values()) {
                String dtypeName = metadata.get(DTYPE_KEY + entry.name());
                DType dtype = dtypeName != null ? DType.valueOf(dtypeName) : entry.dtype().dtype().orElseThrow(
                        () -> new ModelFormatException(file + ": tensor '" + entry.name() + "' has dtype "
                                + entry.dtype() + ", which Presso does not store"));
                Shape shape = dtypeName != null ? parseShape(metadata.get(SHAPE_KEY + entry.name()), file, entry)
                        : entry.shape();
                MemorySegment bytes = safetensors.bytes(entry);
                loaded.put(entry.name(), tensors.wrap(tensors.backend().upload(bytes, dtype, shape)));
            }
            Map<String, String> rest = new TreeMap<>(metadata);
            rest.keySet().removeIf(key -> key.startsWith(DTYPE_KEY) || key.startsWith(SHAPE_KEY));
            return new Loaded(loaded, rest);
        }
    }

    /**
     * The content of a tensor file.
     *
     * @param tensors the tensors by name
     * @param metadata the metadata strings
     */
    record Loaded(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    private static SafetensorsDType storedType(DType dtype) {
        return switch (dtype) {
            case F32 -> SafetensorsDType.F32;
            case F16 -> SafetensorsDType.F16;
            case BF16 -> SafetensorsDType.BF16;
            case I32 -> SafetensorsDType.I32;
            case I8 -> SafetensorsDType.I8;
            case U8, I4, I2, I1 -> SafetensorsDType.U8;
        };
    }

    private static Shape parseShape(String text, Path file, TensorEntry entry) {
        if (text == null) {
            throw new ModelFormatException(file + ": tensor '" + entry.name() + "' has a Presso dtype but no "
                    + SHAPE_KEY + entry.name() + " metadata; the file was not written by Presso or is damaged");
        }
        String[] parts = text.isEmpty() ? new String[0] : text.split(",");
        long[] dims = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            dims[i] = Long.parseLong(parts[i]);
        }
        return Shape.of(dims);
    }
}
