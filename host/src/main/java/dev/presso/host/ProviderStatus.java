package dev.presso.host;

/**
 * What the host knows about one installed tensor provider, for listings such as
 * {@code presso doctor}.
 *
 * @param name the provider's name, or its class name if it failed to load
 * @param priority its priority; {@link Integer#MIN_VALUE} if it failed to load
 * @param available whether it can run here
 * @param reason why not, or a short description of what it found
 * @since 1.0
 */
public record ProviderStatus(String name, int priority, boolean available, String reason) {}
