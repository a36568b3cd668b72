package dev.presso.plugins.tensorcuda.internal.kernels;

/**
 * Launch shapes of the kernel families: grid-stride loops over elements, one block per row for
 * row kernels, and single blocks. Grids are capped, since every kernel loops over the rest.
 */
final class Launches {
    /** Threads per block of element-wise loops. */
    static final int THREADS = 256;
    /** The largest grid; kernels stride over anything beyond it. */
    static final int MAX_BLOCKS = 4096;

    private Launches() {}

    /** One thread per element (or per work item), grid-striding past {@link #MAX_BLOCKS}. */
    static LaunchShape elementwise(long items) {
        long blocks = Math.max(1, Math.min(Math.ceilDiv(items, THREADS), MAX_BLOCKS));
        return LaunchShape.linear((int) blocks, THREADS);
    }

    /**
     * One block per row (grid-striding past {@link #MAX_BLOCKS}), with a power-of-two number of
     * threads between 32 and 256, enough to cover a row.
     */
    static LaunchShape rows(long rows, long rowLength) {
        int threads = 32;
        while (threads < THREADS && threads < rowLength) {
            threads *= 2;
        }
        return LaunchShape.linear((int) Math.max(1, Math.min(rows, MAX_BLOCKS)), threads);
    }

    /** One block per row with dynamic shared memory. */
    static LaunchShape rowsWithShared(long rows, int threads, int sharedBytes) {
        return new LaunchShape((int) Math.max(1, Math.min(rows, MAX_BLOCKS)), 1, 1, threads, 1, 1,
                sharedBytes);
    }

    /** A single block of {@code threads} threads. */
    static LaunchShape singleBlock(int threads) {
        return LaunchShape.linear(1, threads);
    }
}
