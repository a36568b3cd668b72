package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.tensor.TensorBackend;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The launcher-based kit finds a provider through production discovery (the reference provider
 * is registered in this module's test resources) and runs the whole contract against it.
 */
class TensorBackendTestKitTests {
    @Test
    void opensAProviderByName() {
        try (TensorBackend backend = TensorBackendTestKit.openProvider(ReferenceBackend.NAME)) {
            assertEquals(ReferenceBackend.NAME, backend.name());
        }
    }

    @Test
    void runsTheWholeContractAgainstAnInstalledProvider() {
        TestExecutionSummary summary = TensorBackendTestKit.provider(ReferenceBackend.NAME)
                .largeInputs(false).execute();
        assertEquals(0, summary.getTotalFailureCount(), () -> summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException().getMessage())
                .toList().toString());
        assertTrue(summary.getTestsSucceededCount() > 800,
                "the whole contract ran: " + summary.getTestsSucceededCount() + " tests");
    }
}
