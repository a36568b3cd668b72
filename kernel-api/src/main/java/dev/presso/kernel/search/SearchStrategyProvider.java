package dev.presso.kernel.search;

import dev.presso.kernel.plugin.PluginOption;
import java.util.List;
import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes {@link SearchStrategy} instances of one kind from settings; the host discovers providers
 * through {@code META-INF/services/dev.presso.kernel.search.SearchStrategyProvider}.
 *
 * <p>Providers are cheap: listing them starts no search.
 *
 * @since 1.0
 */
@ConsumerType
public interface SearchStrategyProvider {
    /**
     * Returns the id of the strategies this provider makes, such as {@code "uniform"}.
     *
     * @return the id, unique among installed providers
     */
    String id();

    /**
     * Returns one sentence on how the strategy searches.
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
     * Creates a strategy.
     *
     * @param settings values by {@link PluginOption#name()}; absent ones take their default
     * @return the configured strategy
     * @throws dev.presso.kernel.PressoException if a setting is unknown or its value is invalid;
     *     the message names the setting, the value and what was expected
     */
    SearchStrategy create(Map<String, String> settings);
}
