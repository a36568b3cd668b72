package dev.presso.host.internal.run;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.kernel.method.Level;
import dev.presso.kernel.model.LinearOperator;
import java.util.Map;

/**
 * A linear site as a stage left it: which method of which plugin compressed it, at which level,
 * and the operator now in place.
 *
 * @param site the site name
 * @param method the method id
 * @param plugin the plugin that provided the method
 * @param params the method's settings
 * @param level the level
 * @param operator the compressed operator
 */
record SiteRecord(String site, String method, InstalledPlugin plugin, Map<String, String> params, Level level,
        LinearOperator operator) {}
