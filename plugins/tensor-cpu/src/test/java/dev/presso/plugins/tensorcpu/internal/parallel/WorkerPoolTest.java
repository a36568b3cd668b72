package dev.presso.plugins.tensorcpu.internal.parallel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {
    @Test
    void runsEveryTaskExactlyOnceAcrossManyLoops() {
        try (WorkerPool pool = new WorkerPool(3)) {
            for (int round = 0; round < 2000; round++) {
                int tasks = 1 + round % 37;
                AtomicIntegerArray counts = new AtomicIntegerArray(tasks);
                pool.parallelFor(tasks, counts::incrementAndGet);
                for (int i = 0; i < tasks; i++) {
                    assertEquals(1, counts.get(i), "task " + i + " of round " + round);
                }
            }
        }
    }

    @Test
    void usesTheWorkers() {
        try (WorkerPool pool = new WorkerPool(2)) {
            Set<Thread> seen = ConcurrentHashMap.newKeySet();
            for (int round = 0; round < 200 && seen.size() < 2; round++) {
                pool.parallelFor(64, i -> {
                    seen.add(Thread.currentThread());
                    busyWork();
                });
            }
            assertEquals(2, seen.size(), "the caller and one worker should both run tasks");
        }
    }

    @Test
    void rethrowsTheFirstFailureAndStaysUsable() {
        try (WorkerPool pool = new WorkerPool(2)) {
            IllegalStateException boom = new IllegalStateException("boom");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> pool.parallelFor(100, i -> {
                        if (i == 42) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            AtomicLong sum = new AtomicLong();
            pool.parallelFor(100, sum::addAndGet);
            assertEquals(4950, sum.get());
        }
    }

    @Test
    void nestedLoopsRunInlineWithoutDeadlock() {
        try (WorkerPool pool = new WorkerPool(2)) {
            AtomicLong sum = new AtomicLong();
            pool.parallelFor(8, i -> pool.parallelFor(8, j -> sum.addAndGet(i * 8 + j)));
            assertEquals(63 * 64 / 2, sum.get());
        }
    }

    @Test
    void closedPoolRunsOnTheCaller() {
        WorkerPool pool = new WorkerPool(2);
        pool.close();
        Set<Thread> seen = ConcurrentHashMap.newKeySet();
        pool.parallelFor(10, i -> seen.add(Thread.currentThread()));
        assertEquals(Set.of(Thread.currentThread()), seen);
    }

    @Test
    void rejectsNonPositiveThreadCounts() {
        assertThrows(IllegalArgumentException.class, () -> new WorkerPool(0));
        try (WorkerPool single = new WorkerPool(1)) {
            assertEquals(1, single.threads());
            AtomicLong sum = new AtomicLong();
            single.parallelFor(5, sum::addAndGet);
            assertEquals(10, sum.get());
        }
    }

    private static void busyWork() {
        long x = 0;
        for (int i = 0; i < 20_000; i++) {
            x += i * 31L ^ x;
        }
        assertTrue(x != 1);
    }
}
