package dev.presso.host.internal.cli;

import dev.presso.host.TensorRuntime;
import dev.presso.host.internal.registry.PublishCheck;
import dev.presso.host.internal.registry.ReleasePlan;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.tensor.TensorBackend;
import dev.presso.registry.client.RegistryPublisher;
import dev.presso.registry.format.CanonicalJson;
import dev.presso.registry.format.SigningKey;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code presso registry publish JAR --registry URL --key KEY --token T}: checks, signs and uploads a plugin. */
@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Check a plugin bundle in both runtime modes, then sign and upload it to a registry server.",
            "The check loads the jar in class-path mode and in OSGi mode, creates every provider it declares and runs"
                    + " each compression method at every level on a small matrix (shape, exact cost, apply against"
                    + " its dense weight, determinism, restore from its payload). The result is recorded in the"
                    + " descriptor the publisher key signs with the bundle's SHA-256. Exit code 1 if a check fails"
                    + " (nothing is uploaded unless --force)."})
final class RegistryPublishCommand implements Callable<Integer> {
    /** The seed of the method checks. */
    private static final long SEED = 2026;

    @Spec private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "JAR", description = "The plugin bundle.")
    private Path jar;

    @Option(names = "--registry", paramLabel = "URL", description = "The registry server, such as"
            + " http://127.0.0.1:8080/ (required unless --dry-run).")
    private @Nullable URI registry;

    @Option(names = "--key", paramLabel = "FILE", description = "The publisher's private key (presso registry"
            + " keygen); its public half must own the plugin's namespace (required unless --dry-run).")
    private @Nullable Path key;

    @Option(names = "--token", paramLabel = "TOKEN", description = "The namespace's upload token. Default: env"
            + " PRESSO_REGISTRY_TOKEN.")
    private @Nullable String token;

    @Option(names = "--requires", paramLabel = "ID=RANGE", description = "Another plugin this one needs, with an OSGi"
            + " version range, such as acme.base=[1.0,2); repeatable.")
    private List<String> requires = new ArrayList<>();

    @Option(names = "--description", paramLabel = "TEXT", description = "A short description. Default: the first"
            + " provider's description.")
    private @Nullable String description;

    @Option(names = "--readme", paramLabel = "URL", description = "An http(s) link to the plugin's README.")
    private @Nullable String readme;

    @Option(names = "--dry-run", description = "Check and print the descriptor; upload nothing.")
    private boolean dryRun;

    @Option(names = "--force", description = "Upload even if a check fails (the failure is recorded).")
    private boolean force;

    @Mixin private BackendChoice backend;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        ReleasePlan plan;
        try (TensorBackend opened = backend.open()) {
            plan = ReleasePlan.prepare(jar, new CommandContext(TensorRuntime.tensors(opened), SEED), requirements(),
                    description, readme, "presso-host " + PressoVersion.version());
        }
        PublishCheck.Report report = plan.report();
        report.passed().forEach(p -> out.println("  passed  " + p));
        report.failures().forEach(f -> out.println("  FAILED  " + f));
        out.println("Descriptor: " + CanonicalJson.toText(plan.descriptor().toJson()));
        if (!report.ok() && !force) {
            spec.commandLine().getErr().println("presso: " + report.failures().size() + " checks failed; nothing was"
                    + " uploaded (--force uploads anyway, recording the failure)");
            return 1;
        }
        if (dryRun) {
            out.println("Dry run: nothing uploaded.");
            return report.ok() ? 0 : 1;
        }
        String secret = token != null ? token : System.getenv("PRESSO_REGISTRY_TOKEN");
        if (registry == null || key == null || secret == null || secret.isBlank()) {
            throw new PressoException("publishing needs --registry URL, --key FILE and --token TOKEN (or env"
                    + " PRESSO_REGISTRY_TOKEN); add --dry-run to only check the bundle");
        }
        Path keyFile = key;
        RegistryPublisher.Published published = plan.upload(registry,
                RegistryErrors.guarded(() -> SigningKey.read(keyFile)), secret);
        out.println("Published " + published.id() + " " + published.version() + " to " + registry + " (SHA-256 "
                + published.sha256() + ", index version " + published.indexVersion() + ")");
        return report.ok() ? 0 : 1;
    }

    private Map<String, String> requirements() {
        Map<String, String> needs = new TreeMap<>();
        for (String requirement : requires) {
            int equals = requirement.indexOf('=');
            if (equals <= 0) {
                throw new PressoException("--requires '" + requirement + "' is not ID=RANGE; expected such as"
                        + " acme.base=[1.0,2)");
            }
            needs.put(requirement.substring(0, equals).strip(), requirement.substring(equals + 1).strip());
        }
        return needs;
    }
}
