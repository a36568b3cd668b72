package dev.presso.plugins.tensorcpu.internal;

import dev.presso.kernel.tensor.Availability;
import java.util.Locale;

/**
 * Checks cheaply whether the CPU backend can run here: the Vector API module must be in the boot
 * layer. Loads no native code; the LAPACK part only looks for the bundled library.
 */
public final class HostProbe {
    private static final String VECTOR_MODULE = "jdk.incubator.vector";

    private HostProbe() {}

    /** Returns whether the backend can open, with what it will use or why not. */
    public static Availability probe() {
        if (ModuleLayer.boot().findModule(VECTOR_MODULE).isEmpty()) {
            return Availability.unavailable("the Vector API module is not loaded; start the JVM "
                    + "with --add-modules " + VECTOR_MODULE);
        }
        int threads = Runtime.getRuntime().availableProcessors();
        return Availability.available("Vector API " + VectorWidth.preferredBits() + "-bit, "
                + threads + " threads, LAPACK: " + lapack());
    }

    private static String lapack() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String platform = (os.contains("linux") ? "linux" : os.contains("mac") ? "macosx"
                : "windows") + "-" + (arch.equals("amd64") ? "x86_64" : arch);
        String library = "org/bytedeco/openblas/" + platform + "/";
        ClassLoader loader = HostProbe.class.getClassLoader();
        boolean bundled = loader != null && loader.getResource(library) != null;
        return bundled ? "bundled OpenBLAS via FFM (" + platform + "), loaded on open"
                : "pure Java (no bundled OpenBLAS for " + platform + ")";
    }
}
