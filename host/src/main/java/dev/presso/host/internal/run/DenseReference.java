package dev.presso.host.internal.run;

import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The uncompressed model, loaded a second time on first use and never modified: the reference of
 * KL-divergence evaluations and of search fitness.
 */
final class DenseReference implements AutoCloseable {
    private final Path directory;
    private final Tensors tensors;
    private @Nullable LlamaModel model;

    DenseReference(Path directory, Tensors tensors) {
        this.directory = directory;
        this.tensors = tensors;
    }

    synchronized LlamaModel model() {
        if (model == null) {
            model = LlamaLoader.load(directory, tensors);
        }
        return model;
    }

    @Override
    public synchronized void close() {
        if (model != null) {
            model.close();
            model = null;
        }
    }
}
