package dev.presso.host.internal.report.model;

/**
 * One plugin a run used, pinned by the hash of its jar.
 *
 * @param id the plugin id
 * @param version the plugin's version
 * @param sha256 the jar's SHA-256 in lower-case hex, or empty when the plugin came from the
 *     class path without a jar
 */
public record PluginInfo(String id, String version, String sha256) {
    /** Checks that the id is not blank. */
    public PluginInfo {
        Checks.notBlank(id, "plugin id");
    }
}
