package dev.presso.host.internal.cli;

import picocli.CommandLine.Command;

/** {@code presso model}: commands about a model directory. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Inspect a Hugging Face model directory.",
        subcommands = {ModelInfoCommand.class})
final class ModelCommand {}
