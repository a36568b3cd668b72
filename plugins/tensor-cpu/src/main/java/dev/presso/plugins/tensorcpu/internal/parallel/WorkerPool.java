package dev.presso.plugins.tensorcpu.internal.parallel;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * A fixed set of platform worker threads that run the chunks of a parallel loop; the calling
 * thread runs one chunk itself.
 */
public final class WorkerPool implements AutoCloseable {
    private final int threads;
    private final ExecutorService executor;

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
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "presso-cpu-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.executor = Executors.newFixedThreadPool(Math.max(1, threads - 1), factory);
    }

    /**
     * Returns the total parallelism.
     *
     * @return the number of chunks that can run at once
     */
    public int threads() {
        return threads;
    }

    /**
     * Runs {@code body.accept(i)} for every {@code i} in {@code [0, tasks)}, spread over the
     * workers and the caller, and returns when all are done. Exceptions are rethrown.
     *
     * @param tasks the number of tasks
     * @param body the task body
     */
    public void parallelFor(int tasks, IntConsumer body) {
        if (tasks <= 1 || threads == 1) {
            for (int i = 0; i < tasks; i++) {
                body.accept(i);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable drain = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                body.accept(i);
            }
        };
        int helpers = Math.min(threads - 1, tasks - 1);
        Future<?>[] futures = new Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            futures[h] = executor.submit(drain);
        }
        drain.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for CPU workers", e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw new IllegalStateException(e.getCause());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
