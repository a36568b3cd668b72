package dev.presso.tck;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.presso.host.TensorRuntime;
import dev.presso.kernel.tensor.BackendOptions;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.tck.internal.ProviderConformance;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs {@link TensorBackendContract} against an installed tensor provider, found by name through
 * the host's production discovery ({@code ServiceLoader}), like JUnit's {@code EngineTestKit}.
 *
 * <pre>{@code
 * TestExecutionSummary summary = TensorBackendTestKit.provider("cpu").largeInputs(false).execute();
 * assertEquals(0, summary.getTotalFailureCount());
 * }</pre>
 *
 * <p>From the command line, with the provider's jar on the class path:
 * {@code java -cp ... dev.presso.tck.TensorBackendTestKit cpu}.
 *
 * @since 1.0
 */
public final class TensorBackendTestKit {
    /** The configuration parameter naming the provider to test. */
    public static final String PROVIDER_PARAMETER = "presso.tck.provider";
    /** The configuration parameter that turns the large inputs on or off ({@code true} by default). */
    public static final String LARGE_INPUTS_PARAMETER = "presso.tck.largeInputs";

    private final String provider;
    private final boolean largeInputs;

    private TensorBackendTestKit(String provider, boolean largeInputs) {
        this.provider = provider;
        this.largeInputs = largeInputs;
    }

    /**
     * Opens an installed provider's backend by name, through the host's provider discovery.
     *
     * @param name the provider name, such as {@code "cpu"}
     * @return the backend, owned by the caller
     * @throws dev.presso.kernel.tensor.TensorException if no available provider has that name
     */
    public static TensorBackend openProvider(String name) {
        return TensorRuntime.openBackend(Optional.of(name), BackendOptions.defaults());
    }

    /**
     * Starts a run against the named provider.
     *
     * @param name the provider name
     * @return the kit, with large inputs on
     */
    public static TensorBackendTestKit provider(String name) {
        return new TensorBackendTestKit(Objects.requireNonNull(name, "name must not be null"), true);
    }

    /**
     * Returns this kit with the large inputs on or off.
     *
     * @param include whether to run the large cases
     * @return the new kit
     */
    public TensorBackendTestKit largeInputs(boolean include) {
        return new TensorBackendTestKit(provider, include);
    }

    /**
     * Runs the whole contract and returns JUnit's summary.
     *
     * @return the summary: tests found, succeeded, failed, with the failures' exceptions
     */
    public TestExecutionSummary execute() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ProviderConformance.class))
                .configurationParameter(PROVIDER_PARAMETER, provider)
                .configurationParameter(LARGE_INPUTS_PARAMETER, Boolean.toString(largeInputs))
                .build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }

    /**
     * Runs the kit against the provider named by the first argument and prints the summary;
     * exits with status 1 if any test failed.
     *
     * @param args the provider name, then optionally {@code --no-large}
     */
    public static void main(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("usage: TensorBackendTestKit <provider> [--no-large]");
        }
        boolean large = args.length < 2 || !args[1].equals("--no-large");
        TestExecutionSummary summary = provider(args[0]).largeInputs(large).execute();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        summary.printTo(out);
        summary.printFailuresTo(out, 5);
        out.flush();
        if (summary.getTotalFailureCount() > 0) {
            System.exit(1);
        }
    }
}
