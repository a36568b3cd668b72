package dev.presso.host.internal.cli;

import dev.presso.host.internal.catalog.PluginManager;
import dev.presso.host.internal.catalog.classpath.ClasspathCatalog;
import dev.presso.host.internal.catalog.classpath.ClasspathPlugins;
import dev.presso.host.internal.catalog.osgi.OsgiPluginManager;
import dev.presso.kernel.PressoException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The options that choose where plugins come from: the runtime mode, and in OSGi mode the folder
 * where the host keeps its installed plugins. Each falls back on a system property, then an
 * environment variable, then its default.
 */
final class PluginsRuntimeOptions {
    /** The system property that selects the runtime mode. */
    static final String MODE_PROPERTY = "presso.runtime";
    /** The environment variable that selects the runtime mode. */
    static final String MODE_ENVIRONMENT = "PRESSO_RUNTIME";
    /** The system property that sets OSGi mode's state folder. */
    static final String FOLDER_PROPERTY = "presso.plugins.dir";
    /** The environment variable that sets OSGi mode's state folder. */
    static final String FOLDER_ENVIRONMENT = "PRESSO_PLUGINS_DIR";

    /** Where plugins come from. */
    enum Mode {
        /** The jars on the class path, found with ServiceLoader; fixed while the host runs. */
        CLASSPATH,
        /** Bundles in an embedded Felix, installed, updated and removed while the host runs. */
        OSGI;

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Option(names = "--runtime", paramLabel = "MODE",
            description = "Where plugins come from: classpath (the jars on the class path) or osgi (bundles"
                    + " installed with 'presso plugins install', kept in --plugins-dir). Default: property "
                    + MODE_PROPERTY + ", then env " + MODE_ENVIRONMENT + ", then classpath.")
    private @Nullable Mode mode;

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "OSGi mode's plugin folder. Default: property " + FOLDER_PROPERTY + ", then env "
                    + FOLDER_ENVIRONMENT + ", then ~/.presso/plugins.")
    private @Nullable Path folder;

    /**
     * Returns the selected mode.
     *
     * @return the mode
     * @throws PressoException if the property or variable names no mode
     */
    Mode mode() {
        return mode != null ? mode : mode(System::getProperty, System::getenv);
    }

    /**
     * Returns the mode the settings select when no option is given.
     *
     * @param properties system properties by name
     * @param environment environment variables by name
     * @return the mode
     */
    static Mode mode(UnaryOperator<@Nullable String> properties, UnaryOperator<@Nullable String> environment) {
        String property = properties.apply(MODE_PROPERTY);
        String variable = environment.apply(MODE_ENVIRONMENT);
        String source = property != null ? "property " + MODE_PROPERTY : "environment variable " + MODE_ENVIRONMENT;
        String value = property != null ? property : variable;
        if (value == null || value.isBlank()) {
            return Mode.CLASSPATH;
        }
        try {
            return Mode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new PressoException(source + " is '" + value + "', which is not a runtime mode; expected classpath"
                    + " or osgi", e);
        }
    }

    /** Returns OSGi mode's state folder. @return the folder */
    Path folder() {
        if (folder != null) {
            return folder;
        }
        String configured = System.getProperty(FOLDER_PROPERTY, System.getenv(FOLDER_ENVIRONMENT));
        return configured == null || configured.isBlank() ? OsgiPluginManager.defaultStateFolder() : Path.of(configured);
    }

    /**
     * Starts the selected runtime.
     *
     * @return its plugin manager, to close when done
     */
    PluginManager open() {
        return switch (mode()) {
            case CLASSPATH -> new ClasspathPlugins(ClasspathCatalog.ofHost());
            case OSGI -> OsgiPluginManager.start(folder());
        };
    }

    /**
     * Describes the runtime for messages.
     *
     * @return such as {@code classpath mode} or {@code osgi mode, plugins in ~/.presso/plugins}
     */
    String describe() {
        return mode() == Mode.OSGI ? "osgi mode, plugins in " + folder().toAbsolutePath().normalize()
                : "classpath mode";
    }
}
