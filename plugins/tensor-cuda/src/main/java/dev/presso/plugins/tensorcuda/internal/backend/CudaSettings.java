package dev.presso.plugins.tensorcuda.internal.backend;

import dev.presso.kernel.tensor.TensorException;
import java.util.Map;

/**
 * The provider-specific options of {@link dev.presso.kernel.tensor.BackendOptions#properties()}.
 *
 * @param tf32 {@value #TF32}: {@code true} lets F32 GEMM use TF32 tensor cores (10-bit mantissa
 *     products, fp32 accumulation); {@code false} (default) keeps full fp32
 * @param module {@value #MODULE}: {@code auto} (default: the fatbin when packaged, else PTX),
 *     {@code ptx} or {@code fatbin}
 */
public record CudaSettings(boolean tf32, String module) {
    /** The property that opts F32 GEMM into TF32. */
    public static final String TF32 = "cuda.tf32";
    /** The property that chooses the kernel image. */
    public static final String MODULE = "cuda.module";

    /**
     * Reads the settings from backend properties.
     *
     * @param properties the options' properties
     * @return the settings
     * @throws TensorException naming the property and value when a value is not understood
     */
    public static CudaSettings from(Map<String, String> properties) {
        String tf32 = properties.getOrDefault(TF32, "false");
        if (!tf32.equals("true") && !tf32.equals("false")) {
            throw new TensorException("open", TF32 + " = '" + tf32 + "'; expected 'true' or 'false'");
        }
        String module = properties.getOrDefault(MODULE, "auto");
        if (!module.equals("auto") && !module.equals("ptx") && !module.equals("fatbin")) {
            throw new TensorException("open", MODULE + " = '" + module
                    + "'; expected 'auto', 'ptx' or 'fatbin'");
        }
        return new CudaSettings(Boolean.parseBoolean(tf32), module);
    }
}
