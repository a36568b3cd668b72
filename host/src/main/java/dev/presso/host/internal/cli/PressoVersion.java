package dev.presso.host.internal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the host's version from its jar manifest, and the JVM it runs on. */
final class PressoVersion implements IVersionProvider {
    /** Returns the host's version, or {@code development} outside a built jar. @return the version */
    static String version() {
        String version = PressoVersion.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {
            "presso " + version(),
            "JVM: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
