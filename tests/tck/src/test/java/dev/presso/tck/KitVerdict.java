package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.function.Predicate;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * The outcome of running one conformance class through {@link EngineTestKit}: which tests failed
 * and with what messages, for asserting that the kit catches a broken backend.
 *
 * @param succeeded how many tests passed
 * @param failures the failed tests, each as display name and failure message
 */
record KitVerdict(long succeeded, List<Failure> failures) {
    /**
     * One failed test.
     *
     * @param name the test's display name (a dynamic test's case name)
     * @param message the failure message
     */
    record Failure(String name, String message) {}

    /** Runs every test of a conformance class on the Jupiter engine and collects the outcome. */
    static KitVerdict run(Class<?> conformanceClass) {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(conformanceClass))
                .execute();
        assertEquals(0, results.containerEvents().failed().count(),
                () -> "a container of " + conformanceClass.getSimpleName() + " failed: "
                        + results.containerEvents().failed().stream().map(KitVerdict::describe).toList());
        List<Failure> failures = results.testEvents().failed().stream()
                .map(e -> new Failure(e.getTestDescriptor().getDisplayName(), describe(e)))
                .toList();
        return new KitVerdict(results.testEvents().succeeded().count(), failures);
    }

    private static String describe(Event event) {
        return event.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .map(t -> t.getClass().getSimpleName() + ": " + t.getMessage())
                .orElse("(no message)");
    }

    /** Asserts that every test passed. */
    KitVerdict assertAllPassed() {
        assertTrue(failures.isEmpty(), () -> "expected no failures, got " + failures);
        assertTrue(succeeded > 0, "no tests ran");
        return this;
    }

    /**
     * Asserts that at least {@code minimum} tests failed, that every failure is one of the
     * expected tests, and that some failure message contains {@code messageFragment}.
     */
    KitVerdict assertFailuresOnly(Predicate<String> expectedName, int minimum, String messageFragment) {
        assertTrue(failures.size() >= minimum,
                () -> "expected at least " + minimum + " failures, got " + failures.size() + ": " + failures);
        List<Failure> unexpected = failures.stream().filter(f -> !expectedName.test(f.name())).toList();
        assertTrue(unexpected.isEmpty(), () -> "tests that should pass failed: " + unexpected);
        assertTrue(failures.stream().anyMatch(f -> f.message().contains(messageFragment)),
                () -> "no failure message mentions '" + messageFragment + "': " + failures);
        assertFalse(succeeded == 0, "the other tests must still run and pass");
        return this;
    }
}
