package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.plugin.PluginOption;

/** The settings every evaluator of this plugin shares. */
public final class CommonOptions {
    /** The longest window read from a fresh context. */
    public static final PluginOption MAX_LENGTH = new PluginOption("max-length", "0",
            "Ids of each sequence the model reads from a fresh context; longer ones are truncated (document"
                    + " protocol) or cut into windows (sliding). 0 reads whole sequences.");
    /** How many padded ids one forward pass holds. */
    public static final PluginOption BATCH_TOKENS = new PluginOption("batch-tokens", "0",
            "Padded ids per forward pass; 0 chooses the most whose logits fit 128 MiB, at most 1024.");

    private CommonOptions() {}
}
