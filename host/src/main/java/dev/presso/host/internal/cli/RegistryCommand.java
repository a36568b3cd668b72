package dev.presso.host.internal.cli;

import picocli.CommandLine.Command;

/**
 * {@code presso registry}: make keys, run a registry, publish plugins to it, and choose the
 * registries this host installs from.
 */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = {"Plugin registries: make keys, create and serve a registry, register publishers, publish and"
                + " yank plugins, and configure the registries 'presso plugins search|install|update' use."},
        subcommands = {RegistryKeygenCommand.class, RegistryInitCommand.class, RegistryServeCommand.class,
            RegistryPublisherCommand.class, RegistryPublishCommand.class, RegistryYankCommand.class,
            RegistryAddCommand.class, RegistryListCommand.class, RegistryRemoveCommand.class})
final class RegistryCommand {}
