package dev.presso.host;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorProvider;

/** A provider whose probe breaks the never-throw contract; registered for tests only. */
public final class ThrowingTestProvider implements TensorProvider {
    @Override
    public String name() {
        return "test-throwing";
    }

    @Override
    public int priority() {
        return 500;
    }

    @Override
    public Availability probe() {
        throw new IllegalStateException("probe exploded");
    }

    @Override
    public TensorBackend open(BackendOptions options) {
        throw new IllegalStateException("never opened");
    }
}
