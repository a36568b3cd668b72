package dev.presso.host.internal.tensor;

/**
 * Counts the open tensors that share one storage (a base array and its views), so that autodiff
 * can tell whether a gradient may be accumulated in place without another tensor seeing it.
 */
final class Storage {
    private int holders = 1;

    /** Records one more tensor on this storage. */
    void share() {
        holders++;
    }

    /** Records that a tensor on this storage was closed. */
    void release() {
        holders--;
    }

    /** Returns whether exactly one open tensor uses this storage. */
    boolean isExclusive() {
        return holders == 1;
    }
}
