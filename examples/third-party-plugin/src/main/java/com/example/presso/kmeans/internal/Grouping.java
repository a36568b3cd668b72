package com.example.presso.kmeans.internal;

/**
 * How a row's columns are split into groups that share centroids: consecutive runs of
 * {@code size} columns, the last one shorter, or the whole row for size 0.
 *
 * @param inFeatures the row length, at least 1
 * @param size the group size, 0 for one group per row
 */
record Grouping(long inFeatures, int size) {
    /**
     * Returns the number of groups in a row.
     *
     * @return {@code ceil(in / size)}, or 1 for size 0
     */
    long count() {
        return size == 0 ? 1 : (inFeatures + size - 1) / size;
    }

    /**
     * Returns the first column of a group.
     *
     * @param group the group's index in its row
     * @return the column
     */
    int start(int group) {
        return size == 0 ? 0 : group * size;
    }

    /**
     * Returns one past the last column of a group.
     *
     * @param group the group's index in its row
     * @return the column
     */
    int end(int group) {
        return size == 0 ? Math.toIntExact(inFeatures) : (int) Math.min(inFeatures, (long) (group + 1) * size);
    }
}
