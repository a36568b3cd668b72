package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.catalog.InstalledPlugin;
import dev.presso.host.internal.pipeline.reader.DidYouMean;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.PluginRequirement;
import dev.presso.host.internal.pipeline.spec.PluginVersion;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Checks that every plugin a pipeline lists is installed in a version its constraint allows. */
final class PluginChecks {
    private PluginChecks() {}

    /**
     * Checks the requirements.
     *
     * @param requirements the pipeline's plugins
     * @param installed the installed plugins
     * @return a problem per requirement not met
     */
    static Seq<Diagnostic> check(List<PluginRequirement> requirements, List<InstalledPlugin> installed) {
        return Vector.ofAll(requirements.stream().flatMap(r -> check(r, installed).stream()).toList());
    }

    private static Optional<Diagnostic> check(PluginRequirement requirement, List<InstalledPlugin> installed) {
        Optional<InstalledPlugin> plugin = installed.stream().filter(p -> p.id().equals(requirement.id())).findFirst();
        if (plugin.isEmpty()) {
            List<String> ids = installed.stream().map(InstalledPlugin::id).toList();
            return Optional.of(new Diagnostic(ProblemCode.PLUGIN_MISSING, requirement.where(), "plugin '"
                    + requirement.id() + "' is not installed", DidYouMean.hint(requirement.id(), ids)
                            + "install its jar with 'presso plugins install --runtime osgi JAR', or put it on the"
                            + " class path; "
                            + (installed.isEmpty() ? "no plugin is installed" : "installed: " + installed.stream()
                                    .map(ProviderIndex::plugin).collect(Collectors.joining(", ")))));
        }
        String version = plugin.get().version();
        if (PluginVersion.parse(version).isEmpty()) {
            return Optional.of(new Diagnostic(ProblemCode.PLUGIN_VERSION, requirement.where(), "plugin '"
                    + requirement.id() + "' is installed with version '" + version + "', which is not a version"
                            + " major.minor.micro[.qualifier]", "reinstall the plugin; its manifest is broken"));
        }
        if (!requirement.constraint().allows(version)) {
            return Optional.of(new Diagnostic(ProblemCode.PLUGIN_VERSION, requirement.where(), "plugin '"
                    + requirement.id() + "' is installed at version " + version + ", which constraint '"
                    + requirement.constraint().text() + "' (" + requirement.constraint().describe()
                    + ") does not allow", "install an allowed version with 'presso plugins update " + requirement.id()
                            + "', or change the constraint"));
        }
        return Optional.empty();
    }
}
