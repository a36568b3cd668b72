package dev.presso.host.internal.registry;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.registry.client.RegistryPublisher;
import dev.presso.registry.format.PluginDescriptor;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryException;
import dev.presso.registry.format.SigningKey;
import dev.presso.registry.server.PublishRefusedException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A plugin bundle checked for publishing ({@link PublishCheck}) and the descriptor that records the
 * check: id, version and kernel-api range from its manifest, what it provides as found, the other
 * plugins it requires as the publisher declares them, and the conformance result. Uploading signs
 * the descriptor with the bundle's hash.
 *
 * @param jar the bundle
 * @param bundle its bytes, as checked
 * @param report the check's outcome
 * @param descriptor the descriptor to sign
 */
public record ReleasePlan(Path jar, byte[] bundle, PublishCheck.Report report, PluginDescriptor descriptor) {
    /**
     * Checks a bundle and builds its descriptor.
     *
     * @param jar the bundle
     * @param context the tensors and seed the methods are checked with
     * @param requires the other plugins it needs: id to OSGi version range
     * @param description a description, or null for the first provider's
     * @param readme an http(s) link to its README, or null
     * @param kit the name and version of the checker, for the conformance record
     * @return the plan
     * @throws PressoException if the jar cannot be read, is not a plugin this host can load, or a
     *     descriptor field is not valid
     */
    public static ReleasePlan prepare(Path jar, PluginContext context, Map<String, String> requires,
            @Nullable String description, @Nullable String readme, String kit) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(jar);
        } catch (IOException e) {
            throw new PressoException(jar + ": cannot be read (" + e.getMessage() + "); expected a plugin jar", e);
        }
        PublishCheck.Report report = PublishCheck.run(jar.toAbsolutePath(), context);
        PluginDescriptor descriptor;
        try {
            descriptor = new PluginDescriptor(report.manifest().id(), report.manifest().version().toString(),
                    report.manifest().kernelApiRange(), report.provides(), requires,
                    description != null ? description : report.description(), readme, report.conformance(kit));
        } catch (IllegalArgumentException e) {
            throw new PressoException(jar + ": cannot describe it for a registry: " + e.getMessage(), e);
        }
        return new ReleasePlan(jar, bytes, report, descriptor);
    }

    /**
     * Signs the release and uploads it.
     *
     * @param registry the registry server's address
     * @param key the publisher's private key, whose public half owns the plugin's namespace
     * @param token the namespace's upload token
     * @return what the server accepted
     * @throws PressoException if the server refuses it or cannot be reached, with its message
     */
    public RegistryPublisher.Published upload(URI registry, SigningKey key, String token) {
        try {
            return RegistryPublisher.publish(registry, token, PublishRequest.sign(key, descriptor, bundle));
        } catch (RegistryException | PublishRefusedException e) {
            throw new PressoException(e.getMessage(), e);
        }
    }
}
