package dev.presso.host.internal.cli;

import picocli.CommandLine.Command;

/**
 * {@code presso plugins}: list, inspect, install, update and remove plugins. Listing works in both
 * runtime modes; changes need OSGi mode ({@code --runtime osgi}), where they take effect without a
 * restart and are remembered in the plugin folder.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List, inspect, install, update and remove plugins. Changes need OSGi mode (--runtime"
                + " osgi): they apply without a restart and persist in the plugin folder."},
        subcommands = {PluginsListCommand.class, PluginsInfoCommand.class, PluginsSearchCommand.class,
            PluginsInstallCommand.class,
            PluginsUpdateCommand.class, PluginsRemoveCommand.class})
final class PluginsCommand {}
