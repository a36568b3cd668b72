package dev.presso.kernel.method;

import dev.presso.kernel.plugin.PluginOption;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes {@link CompressionMethod}s of one kind from settings; the host discovers providers
 * through {@code META-INF/services/dev.presso.kernel.method.CompressionMethodProvider}.
 *
 * <p>Providers are cheap: listing them loads no model and no native code. A pipeline names the
 * provider by {@link #id()} and gives its settings under {@code params}.
 *
 * @since 1.0
 */
@ConsumerType
public interface CompressionMethodProvider {
    /**
     * Returns the id of the methods this provider makes, such as {@code "rtn"}.
     *
     * @return the id, unique among installed providers
     */
    String id();

    /**
     * Returns one sentence on what the method does.
     *
     * @return the description
     */
    String description();

    /**
     * Returns every setting {@link #create} accepts, with its default.
     *
     * @return the settings, possibly none
     */
    List<PluginOption> options();

    /**
     * Creates a method.
     *
     * @param settings values by {@link PluginOption#name()}; absent ones take their default
     * @return the configured method
     * @throws dev.presso.kernel.PressoException if a setting is unknown or its value is invalid;
     *     the message names the setting, the value and what was expected
     */
    CompressionMethod create(Map<String, String> settings);
}
