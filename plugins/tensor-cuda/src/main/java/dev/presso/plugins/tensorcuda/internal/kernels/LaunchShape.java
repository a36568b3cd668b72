package dev.presso.plugins.tensorcuda.internal.kernels;

/**
 * The grid and block dimensions and dynamic shared memory of one kernel launch.
 *
 * @param gridX blocks along x, at least 1
 * @param gridY blocks along y, at least 1
 * @param gridZ blocks along z, at least 1
 * @param blockX threads per block along x, at least 1
 * @param blockY threads per block along y, at least 1
 * @param blockZ threads per block along z, at least 1
 * @param sharedBytes dynamic shared memory per block in bytes, at least 0
 */
public record LaunchShape(int gridX, int gridY, int gridZ, int blockX, int blockY, int blockZ, int sharedBytes) {
    /** Validates the dimensions. */
    public LaunchShape {
        if (gridX < 1 || gridY < 1 || gridZ < 1 || blockX < 1 || blockY < 1 || blockZ < 1 || sharedBytes < 0
                || (long) blockX * blockY * blockZ > 1024) {
            throw new IllegalArgumentException("invalid launch shape " + gridX + "x" + gridY + "x" + gridZ
                    + " blocks of " + blockX + "x" + blockY + "x" + blockZ + " threads, " + sharedBytes
                    + " shared bytes");
        }
    }

    /**
     * A one-dimensional launch.
     *
     * @param blocks blocks along x
     * @param threads threads per block along x
     * @return the shape, with no dynamic shared memory
     */
    public static LaunchShape linear(int blocks, int threads) {
        return new LaunchShape(blocks, 1, 1, threads, 1, 1, 0);
    }
}
