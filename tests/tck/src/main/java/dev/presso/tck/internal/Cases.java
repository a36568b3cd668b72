package dev.presso.tck.internal;

import dev.presso.tck.BackendPair;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * Collects the dynamic tests of one {@code @TestFactory}; each test closes the pair's arrays when
 * it ends, so cases do not accumulate memory.
 */
public final class Cases {
    private final BackendPair pair;
    private final List<DynamicTest> tests = new ArrayList<>();

    /**
     * Starts a collection.
     *
     * @param pair the pair the cases run on
     */
    public Cases(BackendPair pair) {
        this.pair = pair;
    }

    /**
     * Adds a case.
     *
     * @param name the display name, naming the kernel and the case
     * @param body the test
     * @return this collection
     */
    public Cases add(String name, Executable body) {
        tests.add(DynamicTest.dynamicTest(name, () -> {
            try {
                body.execute();
            } finally {
                pair.closeArrays();
            }
        }));
        return this;
    }

    /**
     * Returns the collected tests.
     *
     * @return the dynamic tests, in the order added
     */
    public Stream<DynamicTest> stream() {
        return tests.stream();
    }
}
