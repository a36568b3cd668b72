package dev.presso.host.internal.model.safetensors;

import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.Tensors;
import java.util.Set;

/** Copies checkpoint tensors from their mapping into backend arrays, as F32. */
public final class WeightUpload {
    private static final Set<SafetensorsDType> FLOATS = Set.of(SafetensorsDType.F32, SafetensorsDType.F16,
            SafetensorsDType.BF16);

    private WeightUpload() {}

    /**
     * Checks that a tensor is floating-point and has the shape the model needs.
     *
     * @param checkpoint the checkpoint holding the tensor
     * @param name the tensor's name
     * @param expected the shape the model needs
     * @param reason where that shape comes from, for messages, such as
     *     {@code "config.json: intermediate_size, hidden_size"}
     * @return the tensor's entry
     * @throws ModelFormatException if the dtype is not F32, F16 or BF16 or the shape differs
     */
    public static TensorEntry check(Checkpoint checkpoint, String name, Shape expected, String reason) {
        TensorEntry entry = checkpoint.entry(name);
        String where = checkpoint.fileOf(name) + ": tensor '" + name + "'";
        if (!FLOATS.contains(entry.dtype())) {
            throw new ModelFormatException(where + " has dtype " + entry.dtype()
                    + "; expected F32, F16 or BF16 weights");
        }
        if (!entry.shape().equals(expected)) {
            throw new ModelFormatException(where + " has shape " + entry.shape() + "; expected " + expected
                    + " (" + reason + ")");
        }
        return entry;
    }

    /**
     * {@linkplain #check Checks} one tensor and uploads it; F16 and BF16 are converted to F32
     * (exactly) by the backend.
     *
     * @param checkpoint the checkpoint holding the tensor
     * @param name the tensor's name
     * @param expected the shape the model needs
     * @param reason where that shape comes from, for messages
     * @param tensors the front end of the backend to upload to; the tensor joins its current scope
     * @return an F32 tensor
     * @throws ModelFormatException if the dtype is not F32, F16 or BF16 or the shape differs
     */
    public static Tensor loadF32(Checkpoint checkpoint, String name, Shape expected, String reason,
            Tensors tensors) {
        TensorEntry entry = check(checkpoint, name, expected, reason);
        DType dtype = entry.dtype().dtype().orElseThrow();
        Tensor raw = tensors.wrap(tensors.backend().upload(checkpoint.bytes(name), dtype, entry.shape()));
        if (dtype == DType.F32) {
            return raw;
        }
        try (raw) {
            return raw.cast(DType.F32);
        }
    }
}
