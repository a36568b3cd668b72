package dev.presso.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.model.CausalLM;
import dev.presso.kernel.tensor.GradMode;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry point: a model loaded into a scope is released with it. */
class ModelsTest {
    @Test
    void loadsTheRealModelIntoTheCallersScope() {
        String root = System.getProperty("presso.shared.data");
        assumeTrue(root != null && Files.isDirectory(Path.of(root, "stories260k")),
                "the real stories260K model is not in the shared data folder (system property presso.shared.data)");
        try (TensorBackend backend = new ReferenceBackend()) {
            Tensors tensors = TensorRuntime.tensors(backend);
            try (TensorScope _ = tensors.scope(); GradMode _ = tensors.noGrad()) {
                CausalLM model = Models.load(Path.of(root, "stories260k"), tensors);
                assertEquals("LlamaForCausalLM", model.architecture());
                assertEquals(Shape.of(1, 3, 512),
                        model.forward(tensors.ofInts(new int[] {1, 403, 407}, Shape.of(1, 3))).shape());
                assertInstanceOf(AutoCloseable.class, model);
            }
            assertEquals(0, backend.memoryStats().liveArrays(), "closing the scope released the weights");
        }
    }

    @Test
    void aDirectoryWithoutAModelIsAClearError(@TempDir Path empty) {
        try (TensorBackend backend = new ReferenceBackend()) {
            PressoException e = assertThrows(PressoException.class,
                    () -> Models.load(empty, TensorRuntime.tensors(backend)));
            assertTrue(e.getMessage().startsWith(empty.resolve("config.json") + ": file not found"), e.getMessage());
        }
    }
}
