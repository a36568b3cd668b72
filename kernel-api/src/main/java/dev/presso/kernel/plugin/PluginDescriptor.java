package dev.presso.kernel.plugin;

import java.util.List;
import java.util.Objects;

/**
 * Identity and contents of a plugin bundle, as shown by {@code presso plugins list} and stored in
 * the registry.
 *
 * @param id the plugin id: the {@code Presso-Plugin-Id} manifest header, else the bundle symbolic
 *     name without a leading {@code presso-plugin-} (so {@code presso-plugin-gptq} is {@code gptq})
 * @param version the plugin's semantic version
 * @param description one sentence on what the plugin does
 * @param provides what the plugin provides, as {@code kind:id} entries such as
 *     {@code method:gptq} or {@code tensor:cpu}; copied
 * @since 1.0
 */
public record PluginDescriptor(String id, String version, String description, List<String> provides) {
    /**
     * Validates and copies the components.
     *
     * @param id the plugin id
     * @param version the version
     * @param description the description
     * @param provides the provided services
     */
    public PluginDescriptor {
        Objects.requireNonNull(id, "id must not be null");
        Objects.requireNonNull(version, "version must not be null");
        Objects.requireNonNull(description, "description must not be null");
        provides = List.copyOf(provides);
        if (id.isBlank()) {
            throw new IllegalArgumentException("a plugin id must not be blank");
        }
    }
}
