package dev.presso.plugins.tensorcpu.internal.gemm;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register and cache blocking of the product, chosen by measurement on a 2-core AMD Zen 4
 * VM (AVX-512 executed as two 256-bit halves, 32 vector registers, 32 KiB L1d, 1 MiB L2, 32 MiB
 * L3).
 *
 * <p>The micro-kernel computes an {@link #MR} x {@link #NR} tile of C held in
 * {@code MR * VECTORS_PER_ROW} vector accumulators. A packed {@code MR x KC} panel of A (16 KiB)
 * stays in L1 while a task's {@code KC x NC} block of packed B streams from L2 and L3. With two
 * threads at n = 1024 and 2048, KC = 512 beat 256 and 384 by 5-10%; MC from 48 to 96 and NC
 * from 512 to 2048 were within noise, and the smaller MC gives more tasks to balance.
 */
final class GemmBlocking {
    /** The vector shape of the micro-kernel: the widest the CPU offers. */
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Vectors per row of a C tile. */
    static final int VECTORS_PER_ROW = 2;
    /** Rows of a C tile (the height of an A panel). */
    static final int MR = 8;
    /** Columns of a C tile (the width of a B panel). */
    static final int NR = VECTORS_PER_ROW * SPECIES.length();
    /** Largest depth of one packed block (the shared dimension k). */
    static final int KC = 512;
    /**
     * Deepest block whose untransposed rows of A the micro-kernel reads in place instead of
     * packing. Packing a panel costs about as much as a few tiles of arithmetic, which only wide
     * products amortize; with m = 4096, k = 64 and n = 64 the in-place read was about 15% faster,
     * and at k = 512 (where the eight rows span 16 KiB) packing was no slower.
     */
    static final int DIRECT_A_DEPTH = 256;
    /** Largest number of rows of A packed at once; a multiple of {@link #MR}. */
    static final int MC = 48;
    /** Largest number of columns of C one task computes; a multiple of {@link #NR}. */
    static final int NC = Math.max(NR, 1024 / NR * NR);
    /**
     * Most floats of packed B held at once (4 MiB): the block of B packed in one pass stays in
     * the last-level cache while the tasks read it. At least {@code KC * NR}.
     */
    static final int PACKED_B_FLOATS = 1 << 20;
    /**
     * Products with fewer rows of C than this skip packing B ({@link SkinnyProduct}) when B is
     * stored {@code k x n}: its rows are streamed into C instead.
     */
    static final int SKINNY_ROWS = 8;
    /**
     * Products with fewer rows of C than this skip packing B when B is stored transposed
     * ({@code n x k}): dot products of contiguous rows beat the transposing copy.
     */
    static final int SKINNY_ROWS_TRANSPOSED_B = 32;
    /**
     * Products at most this deep skip packing at any height ({@link SkinnyProduct}): each row of
     * C is accumulated in registers, B transposed once into row-major scratch if stored
     * {@code n x k} (attention scores over a small head dimension).
     */
    static final int SHALLOW_DEPTH = 16;
    /**
     * Products at most this wide skip packing at any height ({@link SkinnyProduct}): a packed
     * panel would pad them to {@link #NR} columns (attention weights times values over a small
     * head dimension).
     */
    static final int NARROW_WIDTH = 16;
    /**
     * Products with fewer floating-point operations run on the calling thread alone: about 20
     * microseconds of work, several times what waking the workers costs. At 2e7, the key and value
     * projections of stories260K over 4,096 tokens ([4096, 64] x [64, 32], 1.7e7 flops) ran on
     * one thread; on two they run 1.8 times as fast.
     */
    static final double PARALLEL_MIN_FLOPS = 2e6;

    private GemmBlocking() {}

    /**
     * Returns a block size of at most {@code max} that splits {@code total} into the fewest,
     * most even blocks, so that no block is much thinner than the others.
     *
     * @param total the extent to split, at least 1
     * @param max the largest allowed block
     * @return the block size
     */
    static int evenBlock(int total, int max) {
        int blocks = (total + max - 1) / max;
        return (total + blocks - 1) / blocks;
    }

    /**
     * Rounds {@code value} up to a multiple of {@code unit}.
     *
     * @param value a non-negative value
     * @param unit a positive unit
     * @return the smallest multiple of {@code unit} that is at least {@code value}
     */
    static int roundUp(int value, int unit) {
        return (value + unit - 1) / unit * unit;
    }
}
