package dev.presso.tck;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.tensor.TensorBackend;

/** The reference backend passes the whole kit, large inputs included. */
class ReferenceConformanceTests implements TensorBackendContract {
    @Override
    public TensorBackend openBackend() {
        return new ReferenceBackend();
    }
}
