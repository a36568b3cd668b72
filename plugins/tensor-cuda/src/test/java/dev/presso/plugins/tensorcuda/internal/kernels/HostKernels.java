package dev.presso.plugins.tensorcuda.internal.kernels;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * The provider's CUDA C kernels compiled for the host CPU: {@code src/main/cuda/kernels.cu} (every
 * kernel family) and the grid emulation {@code src/main/cuda/host/presso_host_runtime.cpp}, built
 * with g++ into one shared library that exports {@code presso_host_<kernel>(gx, gy, gz, bx, by,
 * bz, sharedBytes, void** params)} for every kernel, {@code params} laid out as
 * {@code cuLaunchKernel}'s {@code kernelParams}.
 *
 * <p>The library is built once per build (it is rebuilt only when a source under
 * {@code src/main/cuda} is newer) and shared by every test of the JVM. Tests call
 * {@link #library()}, which skips the calling test through an assumption where g++ is absent.
 */
public final class HostKernels {
    /** The library's file name under {@code target/host-kernels}. */
    public static final String LIBRARY_NAME = "libpresso_kernels_host.so";

    private static final String COMPILER = "g++";
    private static Path built;
    private static Boolean compilerPresent;

    private HostKernels() {}

    /**
     * Returns the host build of the kernels, compiling it first if needed; skips the calling
     * test (a JUnit assumption) when g++ is not installed.
     *
     * @return the shared library's path
     * @throws IllegalStateException if g++ rejects the sources, with its output
     */
    public static synchronized Path library() {
        Assumptions.assumeTrue(compilerAvailable(),
                COMPILER + " is not installed; the kernels-on-host tests need it");
        if (built == null) {
            built = buildIfStale();
        }
        return built;
    }

    /**
     * Returns whether g++ can be run.
     *
     * @return {@code true} where {@code g++ --version} succeeds
     */
    public static synchronized boolean compilerAvailable() {
        if (compilerPresent == null) {
            try {
                Process process = new ProcessBuilder(COMPILER, "--version").redirectErrorStream(true)
                        .start();
                process.getInputStream().readAllBytes();
                compilerPresent = process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
            } catch (IOException e) {
                compilerPresent = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                compilerPresent = false;
            }
        }
        return compilerPresent;
    }

    /**
     * Returns the module's CUDA C sources folder.
     *
     * @return {@code src/main/cuda} of this module
     */
    public static Path sourceFolder() {
        return moduleFolder().resolve("src/main/cuda");
    }

    private static Path moduleFolder() {
        return Path.of(System.getProperty("basedir", System.getProperty("user.dir")));
    }

    private static Path buildIfStale() {
        Path sources = sourceFolder();
        Path output = moduleFolder().resolve("target/host-kernels").resolve(LIBRARY_NAME);
        try {
            if (Files.exists(output) && newestSource(sources).compareTo(
                    Files.getLastModifiedTime(output)) < 0) {
                return output;
            }
            Files.createDirectories(output.getParent());
            Path temporary = Files.createTempFile(output.getParent(), "build-", ".so");
            compile(sources, temporary);
            Files.move(temporary, output, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the host kernels into " + output, e);
        }
    }

    private static FileTime newestSource(Path sources) throws IOException {
        try (Stream<Path> files = Files.walk(sources)) {
            FileTime newest = FileTime.fromMillis(0);
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                FileTime time = Files.getLastModifiedTime(file);
                if (time.compareTo(newest) > 0) {
                    newest = time;
                }
            }
            return newest;
        }
    }

    private static void compile(Path sources, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(COMPILER, "-std=c++17", "-O2", "-fPIC",
                "-shared", "-pthread", "-ffp-contract=off", "-U_FORTIFY_SOURCE",
                "-fvisibility=hidden", "-I", sources.toString(),
                "-x", "c++", sources.resolve("kernels.cu").toString(),
                "-x", "none", sources.resolve("host/presso_host_runtime.cpp").toString(),
                "-o", output.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(300, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                Files.deleteIfExists(output);
                throw new IllegalStateException("g++ could not build the host kernels:\n"
                        + String.join(" ", command) + "\n" + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the host kernels", e);
        }
    }
}
