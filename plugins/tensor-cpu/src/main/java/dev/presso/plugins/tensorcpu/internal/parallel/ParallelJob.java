package dev.presso.plugins.tensorcpu.internal.parallel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * One parallel loop in flight: the tasks still to claim, the count of finished tasks and the
 * first failure. Every participating thread claims tasks until none are left; the thread that
 * finishes the last task wakes the caller.
 */
final class ParallelJob {
    private final int tasks;
    /** Cleared once every task has finished, so an idle pool does not keep the loop's data. */
    private IntConsumer body;
    private final Thread caller;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    ParallelJob(int tasks, IntConsumer body, Thread caller) {
        this.tasks = tasks;
        this.body = body;
        this.caller = caller;
    }

    /** Claims and runs tasks until none are left; failures are recorded, never thrown. */
    void drain() {
        for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
            try {
                if (failure.get() == null) {
                    body.accept(i);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                if (finished.incrementAndGet() == tasks) {
                    LockSupport.unpark(caller);
                }
            }
        }
    }

    /** Returns whether every task has finished. */
    boolean isDone() {
        return finished.get() == tasks;
    }

    /**
     * Waits, spinning for up to {@code spinNanos} and then parking, until every task has
     * finished, then rethrows the first failure.
     */
    void awaitAndRethrow(long spinNanos) {
        long spinUntil = System.nanoTime() + spinNanos;
        while (!isDone()) {
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
        body = i -> { };
        Throwable t = failure.get();
        if (t instanceof RuntimeException re) {
            throw re;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException("a parallel task failed", t);
        }
    }
}
