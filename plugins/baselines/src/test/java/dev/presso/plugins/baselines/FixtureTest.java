package dev.presso.plugins.baselines;

import dev.presso.kernel.tensor.TensorScope;
import dev.presso.modelfixtures.MethodFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * Base of the tests that run a method on the tensor-cpu backend: one {@link MethodFixture} per test
 * class, closed after its last test, and a tensor scope around each test that frees what the test made.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FixtureTest {
    /** The backend, tensors and plugin context of this test class. */
    final MethodFixture fixture = new MethodFixture();
    private TensorScope scope;

    @BeforeEach
    final void openScope() {
        scope = fixture.tensors().scope();
    }

    @AfterEach
    final void closeScope() {
        scope.close();
    }

    @AfterAll
    final void closeFixture() {
        fixture.close();
    }
}
