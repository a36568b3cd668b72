package dev.presso.host.internal.catalog;

import dev.presso.kernel.pipeline.Problem;

/**
 * The problems a catalog reports about plugins, with their stable codes. Each names the plugin or
 * file as its source and says how to fix it.
 */
public final class PluginProblems {
    /** A jar whose manifest cannot be read or does not describe a plugin bundle. */
    public static final String BROKEN = "PRESSO/PLUGIN_BROKEN";
    /** A plugin whose kernel-api range this host does not satisfy. */
    public static final String INCOMPATIBLE = "PRESSO/PLUGIN_INCOMPATIBLE";
    /** A bundle Felix cannot resolve (a package it imports is missing). */
    public static final String UNRESOLVED = "PRESSO/PLUGIN_UNRESOLVED";
    /** A provider that cannot be loaded, created or asked for its id. */
    public static final String PROVIDER_FAILED = "PRESSO/PLUGIN_PROVIDER_FAILED";
    /** Two jars with the same plugin id. */
    public static final String DUPLICATE = "PRESSO/PLUGIN_DUPLICATE";
    /** An old plugin class loader still reachable after remove or update. */
    public static final String LEAK = "PRESSO/PLUGIN_LEAK";
    /** The host's record of installed plugins cannot be read. */
    public static final String STATE = "PRESSO/PLUGIN_STATE";

    private PluginProblems() {}

    /**
     * Makes a problem.
     *
     * @param code one of the codes above
     * @param source the plugin id or file
     * @param message what is wrong
     * @param hint how to fix it, or empty
     * @return the problem
     */
    public static Problem of(String code, String source, String message, String hint) {
        return new Problem(code, message, source, hint);
    }
}
