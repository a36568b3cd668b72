package dev.presso.plugins.tensorcpu.internal.linalg;

import java.lang.foreign.Arena;
import java.lang.foreign.SymbolLookup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Loads the OpenBLAS shipped in the {@code org.bytedeco:openblas} natives jar (only its shared
 * libraries are used; no JavaCPP, no JNI) and binds LAPACK through FFM. The attempt is made once per
 * class loader; every failure becomes a {@link #status() status} text instead of an exception.
 */
final class OpenBlasLoader {
    /** The GCC runtime: taken from the system when present, else from the bundle. */
    private static final String GCC_RUNTIME = "libgcc_s.so.1";
    /** The bundle's libraries, dependencies first; OpenBLAS itself is last. */
    private static final List<String> LIBRARIES = List.of(GCC_RUNTIME, "libquadmath.so.0",
            "libgfortran.so.5", "libopenblas.so.0");
    private static final OpenBlasLoader INSTANCE = new OpenBlasLoader();

    private final @Nullable Lapack lapack;
    private final String configuration;
    private final String status;

    private OpenBlasLoader() {
        Lapack bound = null;
        String config = "";
        String text;
        try {
            bound = load();
            config = bound.config();
            text = "loaded: " + config;
        } catch (Exception | LinkageError e) {
            bound = null;
            text = "unavailable: " + e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        this.lapack = bound;
        this.configuration = config;
        this.status = text;
    }

    /**
     * Returns the bindings, or {@code null} when OpenBLAS could not be loaded.
     *
     * @return the loaded bindings or {@code null}
     */
    static @Nullable Lapack lapack() {
        return INSTANCE.lapack;
    }

    /**
     * Returns OpenBLAS's build configuration, empty when it did not load.
     *
     * @return for example {@code "OpenBLAS 0.3.31 DYNAMIC_ARCH NO_AFFINITY Cooperlake MAX_THREADS=64"}
     */
    static String configuration() {
        return INSTANCE.configuration;
    }

    /**
     * Says whether OpenBLAS loaded, with its build configuration, or why it did not.
     *
     * @return a one-line status
     */
    static String status() {
        return INSTANCE.status;
    }

    @SuppressWarnings("restricted") // native access is the point; denial is caught by the caller
    private static Lapack load() throws Exception {
        String platform = platform();
        ClassLoader loader = OpenBlasLoader.class.getClassLoader();
        if (loader == null) {
            loader = ClassLoader.getSystemClassLoader();
        }
        BundledLibraries bundle = new BundledLibraries(loader,
                "org/bytedeco/openblas/" + platform + "/", cacheRoot());
        List<Path> files = bundle.resolve(LIBRARIES);
        Arena libraries = Arena.global();
        try {
            SymbolLookup.libraryLookup(GCC_RUNTIME, libraries);
        } catch (IllegalArgumentException systemHasNone) {
            SymbolLookup.libraryLookup(files.get(0), libraries);
        }
        SymbolLookup openblas = null;
        for (Path file : files.subList(1, files.size())) {
            openblas = SymbolLookup.libraryLookup(file, libraries);
        }
        return Lapack.bind(openblas);
    }

    private static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (os.startsWith("linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            return "linux-x86_64";
        }
        throw new UnsupportedOperationException("no bundled OpenBLAS for " + os + "/" + arch);
    }

    /** {@code $XDG_CACHE_HOME/presso/openblas}, else {@code ~/.cache/...}, else the temp folder. */
    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
                : Path.of(System.getProperty("user.home", "."), ".cache");
        Path root = base.resolve("presso").resolve("openblas");
        if (isWritable(root)) {
            return root;
        }
        return Path.of(System.getProperty("java.io.tmpdir"),
                "presso-" + System.getProperty("user.name", "user"), "openblas");
    }

    private static boolean isWritable(Path folder) {
        try {
            Files.createDirectories(folder);
            return Files.isWritable(folder);
        } catch (Exception e) {
            return false;
        }
    }
}
