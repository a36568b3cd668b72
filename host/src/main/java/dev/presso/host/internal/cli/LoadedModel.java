package dev.presso.host.internal.cli;

import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.host.internal.run.CompressedModel;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A backend with models loaded onto it, for one command; closing releases the models, then the
 * backend.
 */
final class LoadedModel implements AutoCloseable {
    private final TensorBackend backend;
    private final Tensors tensors;
    private final List<LlamaModel> models = new ArrayList<>();

    LoadedModel(BackendChoice choice) {
        this.backend = choice.open();
        this.tensors = TensorRuntime.tensors(backend);
    }

    /** Returns the front end. @return the tensors of the backend */
    Tensors tensors() {
        return tensors;
    }

    /**
     * Loads a model directory onto the backend: a Hugging Face folder, or a Presso export whose
     * compressed layers are restored by the methods that made them.
     *
     * @param directory the directory
     * @return the model, released with this object
     */
    LlamaModel load(Path directory) {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory + ": not a directory; expected a Hugging Face model directory"
                    + " (config.json, safetensors weights, tokenizer.json)");
        }
        LlamaModel model = CompressedModel.isCompressed(directory)
                ? CompressedModel.load(directory, ClasspathCatalog.ofHost(), new CommandContext(tensors, 0))
                : LlamaLoader.load(directory, tensors);
        models.add(model);
        return model;
    }

    @Override
    public void close() {
        models.forEach(LlamaModel::close);
        backend.close();
    }
}
