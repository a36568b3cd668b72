package dev.presso.host.internal.pipeline.validation;

import dev.presso.host.internal.pipeline.reader.DidYouMean;
import dev.presso.host.internal.pipeline.spec.Diagnostic;
import dev.presso.host.internal.pipeline.spec.Location;
import dev.presso.host.internal.pipeline.spec.ProblemCode;
import dev.presso.host.internal.pipeline.spec.Settings;
import dev.presso.kernel.PressoException;
import dev.presso.kernel.plugin.PluginOption;
import io.vavr.collection.Seq;
import io.vavr.collection.Vector;
import io.vavr.control.Try;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks a plugin's settings the way the plugin itself will: names against its
 * {@code options()}, values by calling its {@code create(settings)} and turning a refusal into a
 * problem at the setting the message names.
 */
final class SettingsCheck {
    private SettingsCheck() {}

    /**
     * What checking settings gave.
     *
     * @param made the object, made from the settings the plugin knows; empty when it refused them
     * @param problems unknown settings, the refusal, or the plugin's failure
     * @param <T> what the provider makes
     */
    record Outcome<T>(Optional<T> made, Seq<Diagnostic> problems) {}

    /**
     * Creates a plugin object from settings; unknown settings are reported and left out, so that
     * the object is still made and its levels can be checked.
     *
     * @param owner the plugin object, for messages, such as {@code compression method 'rtn'}
     * @param id the provider's id
     * @param settings the settings as written
     * @param fallback where to point when the settings block is absent
     * @param options the provider's options
     * @param create the provider's create
     * @param <T> what the provider makes
     * @return the object if made, and every problem with the settings
     */
    static <T> Outcome<T> create(String owner, String id, Settings settings, Location fallback,
            Supplier<List<PluginOption>> options, Function<Map<String, String>, T> create) {
        Location block = settings.where().orElse(fallback);
        Try<List<PluginOption>> accepted = Try.of(options::get);
        if (accepted.isFailure()) {
            return new Outcome<>(Optional.empty(), Vector.of(failed(owner, "options()", accepted.getCause(), block)));
        }
        List<String> names = accepted.get().stream().map(PluginOption::name).toList();
        Seq<Diagnostic> unknown = Vector.ofAll(settings.values().keySet().stream().filter(n -> !names.contains(n))
                .map(n -> new Diagnostic(ProblemCode.UNKNOWN_SETTING, settings.locations().getOrDefault(n, block),
                        owner + " has no setting '" + n + "'", DidYouMean.hint(n, names) + accepts(accepted.get())))
                .toList());
        Map<String, String> known = new LinkedHashMap<>(settings.values());
        known.keySet().retainAll(names);
        Try<T> created = Try.of(() -> create.apply(Map.copyOf(known)));
        if (created.isFailure()) {
            Throwable cause = created.getCause();
            Diagnostic refused = cause instanceof PressoException
                    ? new Diagnostic(ProblemCode.INVALID_SETTING, locate(cause.getMessage(), known, settings, block),
                            refusal(owner, id, cause.getMessage()), accepts(accepted.get()))
                    : failed(owner, "create()", cause, block);
            return new Outcome<>(Optional.empty(), unknown.append(refused));
        }
        return new Outcome<>(Optional.of(created.get()), unknown);
    }

    /** Keeps a plugin's message as it is when it names the plugin, as plugins' messages should. */
    private static String refusal(String owner, String id, @Nullable String message) {
        String text = message == null ? "invalid settings" : message;
        return text.contains(id) ? text : owner + ": " + text;
    }

    /** Points at the one written setting the message names, else at the block. */
    private static Location locate(@Nullable String message, Map<String, String> known, Settings settings,
            Location block) {
        List<String> named = message == null ? List.of()
                : known.keySet().stream().filter(message::contains).toList();
        return named.size() == 1 ? settings.locations().getOrDefault(named.getFirst(), block) : block;
    }

    private static String accepts(List<PluginOption> options) {
        return options.isEmpty() ? "it takes no settings" : "settings: " + options.stream()
                .map(o -> o.name() + " (default " + (o.defaultValue().isEmpty() ? "none" : o.defaultValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /**
     * Describes a plugin's unexpected failure as a problem.
     *
     * @param owner the plugin object
     * @param call what was called
     * @param cause what it threw
     * @param where where to point
     * @return the problem
     */
    static Diagnostic failed(String owner, String call, Throwable cause, Location where) {
        return new Diagnostic(ProblemCode.PLUGIN_FAILED, where, owner + " failed in " + call + ": "
                + cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                "this is a bug in the plugin; report it to its authors");
    }
}
