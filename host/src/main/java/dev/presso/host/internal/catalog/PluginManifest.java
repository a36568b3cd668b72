package dev.presso.host.internal.catalog;

import dev.presso.kernel.PressoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;

/**
 * What the host reads from a plugin's manifest: its id, version and the kernel-api packages it
 * imports with their ranges.
 *
 * <p>The plugin id is the {@code Presso-Plugin-Id} header when the manifest has one; otherwise
 * the {@code Bundle-SymbolicName} without a leading {@code presso-plugin-} (Presso's own plugins
 * are named after their Maven artifacts, {@code presso-plugin-evaluators} is the plugin
 * {@code evaluators}); a third-party bundle without the prefix keeps its symbolic name. Ids are
 * letters, digits, dots, dashes and underscores, since they name files in the host's state folder.
 *
 * @param id the plugin id
 * @param symbolicName the bundle symbolic name, without directives
 * @param version the bundle version ({@code 0.0.0} when the header is absent, as in OSGi)
 * @param kernelImports the imported {@code dev.presso.kernel} packages, in header order
 * @param source the jar or folder the manifest was read from, for messages
 */
public record PluginManifest(String id, String symbolicName, Version version, List<KernelImport> kernelImports,
        String source) {
    /** The manifest header that sets the plugin id explicitly. */
    public static final String ID_HEADER = "Presso-Plugin-Id";
    /** The symbolic-name prefix dropped to form the id when {@link #ID_HEADER} is absent. */
    public static final String SYMBOLIC_NAME_PREFIX = "presso-plugin-";

    private static final String KERNEL_PACKAGE = "dev.presso.kernel";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    /**
     * A kernel-api package a plugin imports.
     *
     * @param packageName the package, such as {@code dev.presso.kernel.method}
     * @param range the range as the manifest writes it, such as {@code [1.0,2)}
     * @param parsed the parsed range
     * @param optional whether the import has {@code resolution:=optional}
     */
    public record KernelImport(String packageName, String range, VersionRange parsed, boolean optional) {}

    /**
     * Copies the imports.
     *
     * @param id the id
     * @param symbolicName the symbolic name
     * @param version the version
     * @param kernelImports the kernel imports
     * @param source the source
     */
    public PluginManifest {
        kernelImports = List.copyOf(kernelImports);
    }

    /**
     * Reads the manifest of a jar.
     *
     * @param jar the plugin jar
     * @return its manifest
     * @throws PressoException if the file is missing, is not a jar, or its manifest does not
     *     describe a bundle; the message names the file and the header
     */
    public static PluginManifest read(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new PressoException(jar + ": no such file; expected a plugin jar");
        }
        try (JarFile file = new JarFile(jar.toFile(), false)) {
            Manifest manifest = file.getManifest();
            if (manifest == null) {
                throw new PressoException(jar + ": not a plugin bundle: the jar has no META-INF/MANIFEST.MF");
            }
            return of(manifest, jar.toString());
        } catch (IOException e) {
            throw new PressoException(jar + ": not a readable jar (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads a manifest.
     *
     * @param manifest the manifest
     * @param source where it comes from, for messages
     * @return what it says about the plugin
     * @throws PressoException if it has no symbolic name, or a version, range or id is malformed
     */
    public static PluginManifest of(Manifest manifest, String source) {
        Attributes main = manifest.getMainAttributes();
        String symbolicName = header(main, "Bundle-SymbolicName");
        if (symbolicName == null) {
            throw new PressoException(source + ": not a plugin bundle: the manifest has no Bundle-SymbolicName;"
                    + " build the plugin with bnd-maven-plugin as plugins/evaluators does");
        }
        symbolicName = HeaderClause.parse("Bundle-SymbolicName", symbolicName).getFirst().names().getFirst();
        String explicitId = header(main, ID_HEADER);
        String id = explicitId != null ? explicitId
                : symbolicName.startsWith(SYMBOLIC_NAME_PREFIX) && symbolicName.length() > SYMBOLIC_NAME_PREFIX.length()
                        ? symbolicName.substring(SYMBOLIC_NAME_PREFIX.length()) : symbolicName;
        if (!ID.matcher(id).matches()) {
            throw new PressoException(source + ": plugin id '" + id + "' (from " + (explicitId != null ? ID_HEADER
                    : "Bundle-SymbolicName") + ") is not valid; expected letters, digits, '.', '_' and '-'");
        }
        String versionText = header(main, "Bundle-Version");
        Version version;
        try {
            version = versionText == null ? Version.emptyVersion : Version.parseVersion(versionText);
        } catch (IllegalArgumentException e) {
            throw new PressoException(source + ": Bundle-Version '" + versionText
                    + "' is not an OSGi version; expected major.minor.micro[.qualifier], such as 1.2.0", e);
        }
        return new PluginManifest(id, symbolicName, version, kernelImports(main, source), source);
    }

    /**
     * Returns the range the plugin needs kernel-api in, as the manifest writes it.
     *
     * @return the range of its mandatory kernel-api imports, such as {@code [1.0,2)}; distinct
     *     ranges of different packages are joined with {@code " and "}; empty if it imports none
     */
    public String kernelApiRange() {
        Set<String> ranges = new LinkedHashSet<>();
        kernelImports.stream().filter(i -> !i.optional()).forEach(i -> ranges.add(i.range()));
        return String.join(" and ", ranges);
    }

    /**
     * Describes the plugin as installed.
     *
     * @param sha256 the hex SHA-256 of its jar, or empty for a directory
     * @param location where it was loaded from
     * @return the plugin
     */
    public InstalledPlugin installed(String sha256, String location) {
        return new InstalledPlugin(id, version.toString(), sha256, kernelApiRange(), location);
    }

    private static List<KernelImport> kernelImports(Attributes main, String source) {
        String imports = header(main, "Import-Package");
        if (imports == null) {
            return List.of();
        }
        try {
            return HeaderClause.parse("Import-Package", imports).stream()
                    .flatMap(clause -> clause.names().stream()
                            .filter(name -> name.equals(KERNEL_PACKAGE) || name.startsWith(KERNEL_PACKAGE + "."))
                            .map(name -> {
                                String range = clause.attribute("version").orElse("0.0.0");
                                return new KernelImport(name, range, parseRange(range, name),
                                        "optional".equals(clause.directives().get("resolution")));
                            }))
                    .toList();
        } catch (PressoException e) {
            throw new PressoException(source + ": " + e.getMessage(), e);
        }
    }

    private static VersionRange parseRange(String range, String packageName) {
        VersionRange parsed;
        try {
            parsed = VersionRange.valueOf(range);
        } catch (IllegalArgumentException e) {
            throw new PressoException("the Import-Package version '" + range + "' of " + packageName
                    + " is not an OSGi version range; expected [1.0,2) or 1.0", e);
        }
        if (parsed.isEmpty()) {
            throw new PressoException("the Import-Package version '" + range + "' of " + packageName
                    + " is an empty range, which no version satisfies");
        }
        return parsed;
    }

    private static @Nullable String header(Attributes main, String name) {
        String value = main.getValue(name);
        return value == null || value.isBlank() ? null : value.strip();
    }
}
