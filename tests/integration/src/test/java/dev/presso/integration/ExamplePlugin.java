package dev.presso.integration;

import dev.presso.host.internal.cli.RegistryCli;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The third-party example plugin (examples/third-party-plugin), built by this module's Maven build
 * as a separate project in two versions, and a pipeline that uses it on the real stories260K model.
 */
final class ExamplePlugin {
    /** The plugin id its manifest declares. */
    static final String ID = "example.kmeans";
    /** The real model the pipeline compresses. */
    static final Path MODEL = Path.of(System.getProperty("presso.shared.data", "../../../shared/data"))
            .resolve("stories260k").toAbsolutePath();

    private ExamplePlugin() {}

    /**
     * Returns the example's jar of a version.
     *
     * @param version {@code 1.0.0} or {@code 1.1.0}
     * @return the jar
     */
    static Path jar(String version) {
        Path jar = Path.of(System.getProperty("presso.example.dir", "target/example")).resolve(version)
                .resolve("third-party-plugin/target/kmeans-plugin-" + version + ".jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no example plugin jar " + jar + "; build with ./mvnw verify, which builds"
                    + " it with maven-invoker-plugin before the integration tests");
        }
        return jar;
    }

    /**
     * Publishes a version of the example as a publisher does, with {@code presso registry publish
     * JAR --registry URL --key KEY --token TOKEN}: the bundle is checked in both runtime modes, then
     * signed with the publisher's key and uploaded.
     *
     * @param registry the server's root address
     * @param token the namespace's upload token
     * @param publisherKey the publisher's private key file
     * @param jar the bundle
     * @return what the command printed
     */
    static String publish(URI registry, String token, Path publisherKey, Path jar) {
        RegistryCli.Result result = RegistryCli.run("publish", jar.toString(), "--registry", registry.toString(),
                "--key", publisherKey.toString(), "--token", token);
        if (result.exitCode() != 0) {
            throw new AssertionError("presso registry publish " + jar.getFileName() + " exited with "
                    + result.exitCode() + ":\n" + result.out() + result.err());
        }
        return result.out();
    }

    /**
     * Writes a pipeline that compresses every decoder layer of stories260K with the example's
     * {@code kmeans} method at 4 bits, 16 centroids per row and measures perplexity before and after.
     *
     * @param folder where to write it
     * @param constraint the version constraint on the plugin, such as {@code ^1.0}
     * @return the pipeline file
     */
    static Path pipeline(Path folder, String constraint) throws IOException {
        return Files.writeString(folder.resolve("kmeans.yaml"), """
                presso: 1
                name: kmeans-example
                seed: 5
                model: %1$s
                plugins:
                  %2$s: '%3$s'
                  evaluators: ^0.1
                data:
                  evaluation: {path: %1$s/tinystories-text.ids.json, sequence-length: 128, max-sequences: 4}
                stages:
                  - evaluate: {name: dense, metrics: [perplexity]}
                variants:
                  - name: kmeans-4bit
                    stages:
                      - compress: {method: kmeans, level: 4bit}
                      - evaluate: {metrics: [perplexity]}
                """.formatted(MODEL, ID, constraint));
    }
}
