package dev.presso.host.internal.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the host's version from its jar manifest, and the JVM it runs on. */
final class PressoVersion implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = PressoVersion.class.getPackage().getImplementationVersion();
        return new String[] {
            "presso " + (version == null ? "(development build)" : version),
            "JVM: " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
