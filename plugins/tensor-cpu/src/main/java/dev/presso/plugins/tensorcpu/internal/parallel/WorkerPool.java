package dev.presso.plugins.tensorcpu.internal.parallel;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * A fixed set of platform worker threads that run the tasks of a parallel loop together with the
 * calling thread.
 *
 * <p>Dispatch is cheap: after a loop, idle workers spin briefly before parking, so that loops
 * issued back to back (the blocks of a matrix product, a sequence of elementwise kernels) start
 * within microseconds; with more threads than processors nobody spins. Tasks are claimed
 * dynamically, so a slow thread does not hold back the others.
 *
 * <p>One loop runs on the workers at a time. A loop issued while another is running, from a
 * second thread or from inside a task (nesting), runs on its calling thread alone, so nested use
 * never deadlocks.
 */
public final class WorkerPool implements AutoCloseable {
    /** How long an idle worker keeps polling for the next loop before it parks. */
    private static final long WORKER_SPIN_NANOS = 100_000;
    /** How long the caller polls for the last tasks of a loop before it parks. */
    private static final long CALLER_SPIN_NANOS = 1_000_000;

    private final int threads;
    /** Spinning only pays when every thread has a core of its own; otherwise park at once. */
    private final long workerSpinNanos;
    private final long callerSpinNanos;
    private final Thread[] workers;
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile ParallelJob current;
    private volatile boolean closed;

    /**
     * Starts the workers.
     *
     * @param threads total parallelism including the caller, at least 1
     */
    public WorkerPool(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        this.threads = threads;
        boolean coreEach = threads <= Runtime.getRuntime().availableProcessors();
        this.workerSpinNanos = coreEach ? WORKER_SPIN_NANOS : 0;
        this.callerSpinNanos = coreEach ? CALLER_SPIN_NANOS : 0;
        this.current = new ParallelJob(0, i -> { }, Thread.currentThread());
        this.workers = new Thread[threads - 1];
        for (int w = 0; w < workers.length; w++) {
            Thread t = new Thread(this::workLoop, "presso-cpu-" + (w + 1));
            t.setDaemon(true);
            workers[w] = t;
            t.start();
        }
    }

    /**
     * Returns the total parallelism.
     *
     * @return the number of tasks that can run at once
     */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over the
     * workers and the caller, and returns when all are done. After a task fails, tasks not yet
     * started are skipped and the first failure is rethrown.
     *
     * @param tasks the number of tasks
     * @param body the task body
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 0) {
            return;
        }
        if (tasks == 1 || workers.length == 0 || closed || !busy.compareAndSet(false, true)) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        try {
            ParallelJob job = new ParallelJob(tasks, body, Thread.currentThread());
            current = job;
            for (Thread w : workers) {
                LockSupport.unpark(w);
            }
            job.drain();
            job.awaitAndRethrow(callerSpinNanos);
        } finally {
            busy.set(false);
        }
    }

    private void workLoop() {
        ParallelJob seen = current;
        while (!closed) {
            ParallelJob job = awaitNewJob(seen);
            if (job == null) {
                return;
            }
            seen = job;
            job.drain();
        }
    }

    private ParallelJob awaitNewJob(ParallelJob seen) {
        long spinUntil = System.nanoTime() + workerSpinNanos;
        while (true) {
            ParallelJob job = current;
            if (closed) {
                return null;
            }
            if (job != seen) {
                return job;
            }
            if (System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            } else {
                LockSupport.park(this);
            }
        }
    }

    /** Stops the workers; later loops run on the calling thread. */
    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) {
            LockSupport.unpark(w);
        }
    }
}
