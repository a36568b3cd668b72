package dev.presso.plugins.tensorcpu.internal.gemm;

import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.KC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MC;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.MR;
import static dev.presso.plugins.tensorcpu.internal.gemm.GemmBlocking.NR;

/**
 * The private scratch memory of one task: packed panels of A and a tile for partial C tiles.
 */
final class Workspace {
    /** Up to {@code MC x KC} floats of A in {@link PanelPacker} panel layout. */
    final float[] packedA = new float[MC * KC];
    /** One {@code MR x NR} tile for the edges of C. */
    final float[] edge = new float[MR * NR];
}
