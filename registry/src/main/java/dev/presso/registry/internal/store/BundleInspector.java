package dev.presso.registry.internal.store;

import dev.presso.registry.format.PluginVersion;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;

/**
 * Checks that bytes are an OSGi bundle for a claimed plugin id and version: a jar whose every
 * entry reads back with a matching CRC, whose entry names stay inside the jar, and whose
 * {@code META-INF/MANIFEST.MF} gives the id and version the host would derive (the
 * {@code Presso-Plugin-Id} header, else the {@code Bundle-SymbolicName} without directives and
 * without a leading {@code presso-plugin-}; the {@code Bundle-Version}).
 */
public final class BundleInspector {
    /** The manifest header that sets the plugin id explicitly (as the host reads it). */
    public static final String ID_HEADER = "Presso-Plugin-Id";
    /** The symbolic-name prefix the host drops to form the id. */
    public static final String SYMBOLIC_NAME_PREFIX = "presso-plugin-";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private BundleInspector() {}

    /**
     * Returns what is wrong with a bundle for a claimed id and version.
     *
     * @param bundle the jar bytes
     * @param id the claimed plugin id
     * @param version the claimed version
     * @return the problem, naming the entry or header, or null if the bundle is fine
     */
    public static @Nullable String problem(byte[] bundle, String id, PluginVersion version) {
        byte[] manifestBytes = null;
        int entries = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bundle))) {
            byte[] buffer = new byte[8192];
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries++;
                String nameProblem = entryNameProblem(entry.getName());
                if (nameProblem != null) {
                    return "the jar entry '" + printable(entry.getName()) + "' " + nameProblem;
                }
                ByteArrayOutputStream content = entry.getName().equalsIgnoreCase(MANIFEST)
                        ? new ByteArrayOutputStream() : null;
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    if (content != null) {
                        content.write(buffer, 0, n);
                    }
                }
                if (content != null) {
                    manifestBytes = content.toByteArray();
                }
            }
        } catch (IOException e) {
            return "not a readable jar (" + e.getMessage() + ")";
        }
        if (entries == 0) {
            return "not a jar: no zip entries";
        }
        if (manifestBytes == null) {
            return "not an OSGi bundle: the jar has no " + MANIFEST;
        }
        Manifest manifest;
        try {
            manifest = new Manifest(new ByteArrayInputStream(manifestBytes));
        } catch (IOException e) {
            return "the " + MANIFEST + " is not a valid manifest (" + e.getMessage() + ")";
        }
        return manifestProblem(manifest.getMainAttributes(), id, version);
    }

    private static @Nullable String manifestProblem(Attributes main, String id, PluginVersion version) {
        String symbolicName = header(main, "Bundle-SymbolicName");
        if (symbolicName == null) {
            return "not an OSGi bundle: the manifest has no Bundle-SymbolicName";
        }
        symbolicName = symbolicName.split(";", 2)[0].strip();
        String explicitId = header(main, ID_HEADER);
        String bundleId = explicitId != null ? explicitId
                : symbolicName.startsWith(SYMBOLIC_NAME_PREFIX) && symbolicName.length() > SYMBOLIC_NAME_PREFIX.length()
                        ? symbolicName.substring(SYMBOLIC_NAME_PREFIX.length()) : symbolicName;
        if (!bundleId.equals(id)) {
            return "the bundle is plugin '" + printable(bundleId) + "' (from " + (explicitId != null ? ID_HEADER
                    : "Bundle-SymbolicName " + printable(symbolicName)) + "), not '" + id + "' as the request claims";
        }
        String versionText = header(main, "Bundle-Version");
        if (versionText == null) {
            return "the manifest has no Bundle-Version; expected " + version;
        }
        PluginVersion bundleVersion;
        try {
            bundleVersion = PluginVersion.parse(versionText);
        } catch (IllegalArgumentException e) {
            return "Bundle-Version '" + printable(versionText) + "' is not an OSGi version; expected " + version;
        }
        if (!bundleVersion.equals(version)) {
            return "the bundle is version " + bundleVersion + " (Bundle-Version), not " + version
                    + " as the request claims";
        }
        return null;
    }

    private static @Nullable String entryNameProblem(String name) {
        if (name.isEmpty() || name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
            return "is absolute or uses backslashes; expected a relative path";
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                return "leaves the jar with '..'";
            }
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "holds a control character";
            }
        }
        return null;
    }

    private static @Nullable String header(Attributes main, String name) {
        String value = main.getValue(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * Makes text safe to echo in a message: control characters become {@code ?}, and long text is cut.
     *
     * @param text the text
     * @return the printable text
     */
    public static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
        StringBuilder out = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
