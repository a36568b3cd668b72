package dev.presso.host.internal.catalog.osgi;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.catalog.ProviderScan;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * A plugin running in Felix: its bundle and the provider instances the catalog hands out. Dropping
 * the record is what releases the providers when the plugin is updated or removed.
 *
 * @param plugin the plugin
 * @param bundle its bundle
 * @param providers its providers, created from its services files
 */
record RunningPlugin(InstalledPlugin plugin, Bundle bundle, List<ProviderScan.Loaded> providers) {
    RunningPlugin {
        providers = List.copyOf(providers);
    }
}
