package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.Availability;
import dev.presso.plugins.tensorcuda.internal.driver.CuBlas;
import dev.presso.plugins.tensorcuda.internal.driver.CuSolver;
import dev.presso.plugins.tensorcuda.internal.driver.CudaDriver;
import dev.presso.plugins.tensorcuda.internal.driver.CudaException;
import dev.presso.plugins.tensorcuda.internal.driver.LibrarySearch;
import dev.presso.plugins.tensorcuda.internal.driver.MissingLibraryException;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether the provider can run, in the order that gives the most precise reason: native
 * access, {@code libcuda.so.1}, its functions, {@code cuInit}, a device, compute capability at
 * least {@value #MIN_MAJOR}.{@value #MIN_MINOR}. cuBLAS and cuSOLVER are only located (not
 * initialized): a missing one is reported in the detail, not as unavailability.
 *
 * @param availability the verdict with its reason
 * @param driver the bound driver when available
 */
public record DeviceProbe(Availability availability, @Nullable CudaDriver driver) {
    /** The oldest supported compute capability's major version (Turing, what nvcc 13 targets). */
    public static final int MIN_MAJOR = 7;
    /** The oldest supported compute capability's minor version. */
    public static final int MIN_MINOR = 5;

    /**
     * Probes device 0; never throws.
     *
     * @param search where to look for the libraries
     * @return the verdict
     */
    public static DeviceProbe run(LibrarySearch search) {
        try {
            return probe(search);
        } catch (IllegalCallerException e) {
            return unavailable("native access is disabled for this module; run java with "
                    + "--enable-native-access=ALL-UNNAMED (or the module's name)");
        } catch (MissingLibraryException e) {
            return unavailable(e.reason());
        } catch (CudaException e) {
            return unavailable(e.getMessage());
        } catch (RuntimeException | LinkageError e) {
            return unavailable("cuda provider probe failed: " + e);
        }
    }

    /**
     * Checks that a device ordinal exists and is recent enough.
     *
     * @param driver an initialized driver
     * @param ordinal the ordinal
     * @return null when usable, else the reason
     */
    public static @Nullable String deviceProblem(CudaDriver driver, int ordinal) {
        int count = driver.deviceCount();
        if (count == 0) {
            return "no device: cuDeviceGetCount found no CUDA device";
        }
        if (ordinal >= count) {
            return "no device " + ordinal + ": only " + count + " CUDA device(s) found";
        }
        int device = driver.device(ordinal);
        int major = driver.attribute(CudaDriver.ATTRIBUTE_CC_MAJOR, device);
        int minor = driver.attribute(CudaDriver.ATTRIBUTE_CC_MINOR, device);
        if (major < MIN_MAJOR || (major == MIN_MAJOR && minor < MIN_MINOR)) {
            return "compute capability " + major + "." + minor + " < " + MIN_MAJOR + "."
                    + MIN_MINOR + " (" + driver.deviceName(device) + ", device " + ordinal
                    + "); CUDA 13 supports Turing and newer";
        }
        return null;
    }

    private static DeviceProbe probe(LibrarySearch search) {
        CudaDriver driver = new CudaDriver(search.load(CudaDriver.SONAME));
        try {
            driver.init();
        } catch (CudaException e) {
            return unavailable("cuInit failed: " + e.statusName() + " (" + driver.errorString(e.code())
                    + ")");
        }
        String problem = deviceProblem(driver, 0);
        if (problem != null) {
            return unavailable(problem);
        }
        int device = driver.device(0);
        int version = driver.driverVersion();
        String detail = driver.deviceName(device) + ", compute capability "
                + driver.attribute(CudaDriver.ATTRIBUTE_CC_MAJOR, device) + "."
                + driver.attribute(CudaDriver.ATTRIBUTE_CC_MINOR, device) + ", "
                + driver.deviceCount() + " device(s), driver CUDA " + version / 1000 + "."
                + (version % 1000) / 10 + "; " + locate(search, CuBlas.SONAME) + "; "
                + locate(search, CuSolver.SONAME);
        return new DeviceProbe(Availability.available(detail), driver);
    }

    private static String locate(LibrarySearch search, String soname) {
        try {
            search.load(soname);
            return soname + " found";
        } catch (MissingLibraryException e) {
            return soname + " not found, so " + (soname.equals(CuBlas.SONAME)
                    ? "GEMM is unavailable" : "decompositions are unavailable");
        }
    }

    private static DeviceProbe unavailable(@Nullable String reason) {
        return new DeviceProbe(Availability.unavailable(reason == null ? "unknown" : reason), null);
    }
}
