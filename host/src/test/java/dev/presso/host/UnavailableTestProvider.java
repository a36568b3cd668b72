package dev.presso.host;

import dev.presso.kernel.tensor.Availability;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorProvider;

/** A high-priority provider that is never available; registered for tests only. */
public final class UnavailableTestProvider implements TensorProvider {
    static final String NAME = "test-unavailable";
    static final String REASON = "the test machine has no quantum accelerator";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Availability probe() {
        return Availability.unavailable(REASON);
    }

    @Override
    public TensorBackend open(BackendOptions options) {
        throw new TensorException("open", REASON);
    }
}
