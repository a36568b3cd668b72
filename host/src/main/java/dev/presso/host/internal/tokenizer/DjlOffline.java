package dev.presso.host.internal.tokenizer;

import dev.presso.kernel.PressoException;

/**
 * Keeps DJL off the network. DJL's {@code HuggingFaceTokenizer.newInstance} calls
 * {@code Ec2Utils.callHome}, which probes the EC2 metadata address and may send a telemetry request,
 * and its native loader may download a GPU build of the library; both are skipped in DJL's offline
 * mode, and the telemetry also when {@code OPT_OUT_TRACKING} is true. Presso sets both system
 * properties before any DJL class loads; DJL reads the environment variables {@code DJL_OFFLINE}
 * and {@code OPT_OUT_TRACKING} first, so a user who sets them to {@code false} is refused rather
 * than silently sent online.
 */
final class DjlOffline {
    /** DJL's offline switch (its environment-variable twin is {@code DJL_OFFLINE}). */
    static final String OFFLINE_PROPERTY = "ai.djl.offline";
    /** DJL's telemetry opt-out, read from the environment first, then from this property. */
    static final String TRACKING_PROPERTY = "OPT_OUT_TRACKING";

    private DjlOffline() {}

    /**
     * Puts DJL in offline mode with tracking opted out.
     *
     * @throws PressoException if an environment variable turns either off again
     */
    static synchronized void enforce() {
        System.setProperty(OFFLINE_PROPERTY, "true");
        System.setProperty(TRACKING_PROPERTY, "true");
        refuseOverride("DJL_OFFLINE");
        refuseOverride(TRACKING_PROPERTY);
    }

    /**
     * Returns whether DJL, reading its settings as it does, is offline with tracking opted out.
     *
     * @return {@code true} once {@link #enforce()} succeeded
     */
    static boolean isEnforced() {
        return ai.djl.util.Utils.isOfflineMode()
                && Boolean.parseBoolean(ai.djl.util.Utils.getEnvOrSystemProperty(TRACKING_PROPERTY));
    }

    private static void refuseOverride(String variable) {
        String value = System.getenv(variable);
        if (value != null && !Boolean.parseBoolean(value)) {
            throw new PressoException("the environment variable " + variable + "=" + value
                    + " would let the tokenizers library reach the network; Presso runs it offline."
                    + " Unset it or set it to true");
        }
    }
}
