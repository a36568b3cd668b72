package dev.presso.registry.server;

import java.time.Duration;

/**
 * Settings of a registry store, kept in its private folder.
 *
 * @param indexLifetime how long a freshly signed index stays valid; the server re-signs it when
 *     less than half remains
 * @param maxBundleBytes the largest bundle accepted
 */
public record StoreSettings(Duration indexLifetime, long maxBundleBytes) {
    /** Seven days of index lifetime and 64 MiB bundles. */
    public static final StoreSettings DEFAULTS = new StoreSettings(Duration.ofDays(7), 64L << 20);

    /**
     * Checks the settings.
     *
     * @param indexLifetime the index lifetime, at least a minute
     * @param maxBundleBytes the largest bundle, at least 1 KiB
     */
    public StoreSettings {
        if (indexLifetime.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new IllegalArgumentException("index lifetime " + indexLifetime + " is too short; expected at least"
                    + " one minute");
        }
        if (maxBundleBytes < 1024) {
            throw new IllegalArgumentException("bundle size limit " + maxBundleBytes + " is too small; expected at"
                    + " least 1024 bytes");
        }
    }
}
