package dev.presso.host.internal.pipeline.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.model.llama.LlamaConfigReader;
import dev.presso.host.internal.model.llama.LlamaLoader;
import dev.presso.host.internal.model.llama.LlamaModel;
import dev.presso.kernel.model.LinearSite;
import dev.presso.kernel.tensor.TensorBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Site names from config.json alone are exactly the loaded model's linear sites, in order. */
class LlamaSiteNamesTest {
    @Test
    void matchesTheLoadedStories260kModel() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null, "presso.shared.data is not set; run through Maven");
        Path directory = Path.of(root, "stories260k");
        assumeTrue(Files.isRegularFile(directory.resolve("model.safetensors")), "no stories260k at " + directory);
        List<String> fromConfig = LlamaSiteNames.of(LlamaConfigReader.read(directory.resolve("config.json")));
        try (TensorBackend backend = new ReferenceBackend();
                LlamaModel model = LlamaLoader.load(directory, TensorRuntime.tensors(backend))) {
            assertEquals(model.linearSites().stream().map(LinearSite::name).toList(), fromConfig);
        }
        assertEquals(5 * 7 + 1, fromConfig.size());
    }
}
