package dev.presso.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.presso.fixtures.ForwardingBackend;
import dev.presso.fixtures.ReferenceBackend;
import dev.presso.kernel.tensor.MemoryStats;
import dev.presso.kernel.tensor.TensorBackend;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The kit opens the backend under test once per class, closes it after the class, and closes
 * every array a test created before that.
 */
class ConformanceLifecycleTests {
    static final AtomicInteger OPENED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();
    static final AtomicReference<MemoryStats> AT_CLOSE = new AtomicReference<>();

    @Test
    void opensOnceClosesOnceAndReleasesEveryArray() {
        OPENED.set(0);
        CLOSED.set(0);
        KitVerdict.run(Recorded.class).assertAllPassed();
        assertEquals(1, OPENED.get(), "the backend is opened once for the whole class");
        assertEquals(1, CLOSED.get(), "the backend is closed once, after the class");
        MemoryStats stats = AT_CLOSE.get();
        assertNotNull(stats);
        assertEquals(0, stats.liveArrays(), "every array of every test was closed: " + stats);
        assertEquals(0, stats.liveBytes(), "every byte was released: " + stats);
    }

    /** A conformance class whose backend records its lifecycle. */
    static class Recorded implements LayoutContract, NeuralKernelsContract {
        @Override
        public TensorBackend openBackend() {
            OPENED.incrementAndGet();
            return new ForwardingBackend(new ReferenceBackend(), "recorded") {
                @Override
                public void close() {
                    AT_CLOSE.set(memoryStats());
                    CLOSED.incrementAndGet();
                    super.close();
                }
            };
        }

        @Override
        public boolean includeLargeInputs() {
            return false;
        }
    }
}
