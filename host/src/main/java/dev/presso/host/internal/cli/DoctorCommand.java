package dev.presso.host.internal.cli;

import dev.presso.host.ProviderStatus;
import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code presso doctor}: what this machine offers Presso, and whether the chosen tensor backend
 * computes correctly.
 */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check this machine: the JVM, every tensor provider and why it is or is not "
                + "available, then a short self-check of the selected backend's kernels "
                + "against float64 arithmetic.",
            "Exit code 0 when every check passes, 1 when one fails."})
final class DoctorCommand implements Callable<Integer> {
    @Spec private CommandSpec spec;

    @Option(names = "--provider", paramLabel = "NAME",
            description = "Tensor provider to check (default: property presso.tensor.provider, "
                    + "then env PRESSO_TENSOR_PROVIDER, then the highest-priority available).")
    private Optional<String> provider = Optional.empty();

    @Option(names = "--threads", paramLabel = "N", defaultValue = "0",
            description = "Worker threads for CPU backends; 0 means one per processor.")
    private int threads;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Runtime runtime = Runtime.getRuntime();
        out.printf("JVM        %s (%s)%n", Runtime.version(), System.getProperty("java.vendor"));
        out.printf("Machine    %s %s, %d processors, max heap %d MiB%n",
                System.getProperty("os.name"), System.getProperty("os.arch"),
                runtime.availableProcessors(), runtime.maxMemory() >> 20);
        out.println("Tensor providers:");
        for (ProviderStatus status : TensorRuntime.providers()) {
            out.printf("  %-8s priority %3d  %-11s %s%n", status.name(), status.priority(),
                    status.available() ? "available" : "unavailable", status.reason());
        }
        try (TensorBackend backend = TensorRuntime.openBackend(provider,
                BackendOptions.defaults().withThreads(threads))) {
            out.printf("Selected   %s on %s, capabilities %s%n", backend.name(), backend.device(),
                    backend.capabilities());
            return report(out, new SelfCheck(backend).run());
        }
    }

    private static int report(PrintWriter out, List<SelfCheck.Result> results) {
        out.printf("%-20s %12s %12s %10s  %s%n", "self-check", "rel. error", "tolerance", "ms", "");
        for (SelfCheck.Result r : results) {
            out.printf("%-20s %12.2e %12.0e %10.2f  %s%n", r.name(), r.error(), r.tolerance(),
                    r.millis(), r.passed() ? "ok" : "FAILED");
        }
        boolean passed = results.stream().allMatch(SelfCheck.Result::passed);
        out.println(passed ? "All checks passed." : "Some checks FAILED: this backend computes wrong results here.");
        return passed ? 0 : 1;
    }
}
