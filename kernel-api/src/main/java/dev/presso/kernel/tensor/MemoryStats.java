package dev.presso.kernel.tensor;

/**
 * A snapshot of a backend's array memory.
 *
 * @param liveBytes bytes held by arrays that are not yet closed
 * @param peakBytes the largest {@code liveBytes} seen since the backend opened
 * @param liveArrays the number of arrays that are not yet closed (views included)
 * @since 1.0
 */
public record MemoryStats(long liveBytes, long peakBytes, long liveArrays) {}
