package dev.presso.plugins.evaluators.internal;

import dev.presso.kernel.plugin.PluginOption;
import dev.presso.kernel.plugin.PluginSettings;

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

    /**
     * Reads {@code max-length} for an evaluator that scores whole or truncated sequences: 1 would
     * leave nothing to predict.
     *
     * @param s the evaluator's settings
     * @return 0 for whole sequences, otherwise at least 2
     * @throws dev.presso.kernel.PressoException naming the value and what was expected
     */
    public static int maxLength(PluginSettings s) {
        int maxLength = s.integer(MAX_LENGTH.name(), 0, Integer.MAX_VALUE);
        if (maxLength == 1) {
            throw s.invalid(MAX_LENGTH.name(), "0 (whole sequences) or an integer >= 2");
        }
        return maxLength;
    }

    /**
     * Reads {@code batch-tokens}.
     *
     * @param s the evaluator's settings
     * @return 0 to choose automatically, otherwise the padded ids per forward pass
     * @throws dev.presso.kernel.PressoException naming the value and what was expected
     */
    public static int batchTokens(PluginSettings s) {
        return s.integer(BATCH_TOKENS.name(), 0, Integer.MAX_VALUE);
    }
}
