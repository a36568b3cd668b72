package dev.presso.plugins.tensorcpu.internal;

import jdk.incubator.vector.FloatVector;

/** Touches the Vector API only when called, after the module has been found. */
final class VectorWidth {
    private VectorWidth() {}

    static int preferredBits() {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize();
    }
}
