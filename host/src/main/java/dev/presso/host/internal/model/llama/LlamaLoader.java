package dev.presso.host.internal.model.llama;

import dev.presso.host.internal.model.ModelFormatException;
import dev.presso.host.internal.model.safetensors.Checkpoint;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads a LLaMA-family model from a Hugging Face directory. */
public final class LlamaLoader {
    private LlamaLoader() {}

    /**
     * Reads {@code config.json}, checks the safetensors checkpoint against it and uploads the
     * weights; the files are unmapped before this returns.
     *
     * @param directory the model directory
     * @param tensors the front end of the backend to load onto; the weights join its current scope
     * @return the model, whose {@code close()} releases the weights
     * @throws ModelFormatException naming the file and what is wrong
     */
    public static LlamaModel load(Path directory, Tensors tensors) {
        if (!Files.isDirectory(directory)) {
            throw new ModelFormatException(directory + ": not a directory; expected a Hugging Face model"
                    + " directory with config.json and safetensors weights");
        }
        Path configFile = directory.resolve(LlamaConfigReader.FILE_NAME);
        LlamaConfig config = LlamaConfigReader.read(configFile);
        try (Checkpoint checkpoint = Checkpoint.open(directory)) {
            return new LlamaModel(config, LlamaWeights.load(checkpoint, config, configFile, tensors), tensors);
        }
    }
}
