package dev.presso.plugins.tensorcuda.internal.driver;

import dev.presso.kernel.tensor.TensorException;
import java.lang.foreign.MemorySegment;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The one platform thread on which every CUDA call of a backend runs. A CUDA context is current
 * per OS thread (and virtual threads change carriers), so the backend makes its context current
 * here once and hops onto this thread for every call. Calls from this thread itself run inline.
 */
public final class CudaThread implements AutoCloseable {
    private final ExecutorService executor;
    private volatile @Nullable Thread thread;
    private volatile @Nullable RuntimeException deferred;

    /**
     * Starts the thread.
     *
     * @param name the thread's name, such as {@code presso-cuda-0}
     */
    public CudaThread(String name) {
        executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = Thread.ofPlatform().daemon().name(name).unstarted(runnable);
            thread = t;
            return t;
        });
    }

    /**
     * Runs a task on the thread and returns its result, rethrowing its exception.
     *
     * @param <T> the result type
     * @param op the operation name for errors of the hand-off itself
     * @param task the work
     * @return the task's result
     */
    public <T> T call(String op, Callable<T> task) {
        throwDeferred();
        T result = hop(op, task);
        throwDeferred();
        return result;
    }

    private void throwDeferred() {
        RuntimeException failure = deferred;
        if (failure != null) {
            deferred = null;
            throw failure;
        }
    }

    private <T> T hop(String op, Callable<T> task) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new TensorException(op, e.toString());
            }
        }
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (RejectedExecutionException e) {
            throw new TensorException(op, "the cuda backend is closed");
        }
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TensorException(op, "interrupted while waiting for the CUDA thread");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new TensorException(op, String.valueOf(cause));
        }
    }

    /**
     * Runs a task on the thread and waits for it.
     *
     * @param op the operation name for errors of the hand-off itself
     * @param task the work
     */
    public void run(String op, Runnable task) {
        call(op, () -> {
            task.run();
            return null;
        });
    }

    /**
     * Queues a task without waiting; it is dropped once the thread has been closed. Used for
     * releases, which need no answer: a failure is thrown by the next {@link #call} (before or
     * after its own work).
     *
     * @param task the work
     */
    public void post(Runnable task) {
        Runnable guarded = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                deferred = e;
            }
        };
        if (Thread.currentThread() == thread) {
            guarded.run();
            return;
        }
        try {
            executor.execute(guarded);
        } catch (RejectedExecutionException e) {
            // The backend is closed: its context, and every allocation in it, is gone already.
        }
    }

    /**
     * Returns whether code on this thread may access a segment (a confined arena's segment
     * belongs to its owner thread only).
     *
     * @param segment host memory
     * @return whether the CUDA thread can read and write it
     */
    public boolean canAccess(MemorySegment segment) {
        Thread owner = thread;
        return owner != null && segment.isAccessibleBy(owner);
    }

    /** Finishes the queued tasks and stops the thread. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
