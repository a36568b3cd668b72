package dev.presso.host.internal.cli;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options that choose and size the tensor backend a command runs on. */
final class BackendChoice {
    @Option(names = "--provider", paramLabel = "NAME",
            description = "Tensor provider (default: property presso.tensor.provider, then env"
                    + " PRESSO_TENSOR_PROVIDER, then the highest-priority available).")
    private Optional<String> provider = Optional.empty();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads for CPU backends; 0 means one per processor.")
    private int threads;

    /** Opens the chosen backend. @return the backend, owned by the caller */
    TensorBackend open() {
        return TensorRuntime.openBackend(provider, BackendOptions.defaults().withThreads(threads));
    }
}
