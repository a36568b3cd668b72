package dev.presso.plugins.tensorcuda.internal.driver;

import dev.presso.kernel.tensor.TensorException;
import java.io.Serial;

/**
 * A CUDA, cuBLAS or cuSOLVER call that returned an error status: the function, the numeric code,
 * the status name (such as {@code CUDA_ERROR_OUT_OF_MEMORY}) and its description.
 */
public final class CudaException extends TensorException {
    @Serial private static final long serialVersionUID = 1L;

    private final int code;
    private final String statusName;

    /**
     * Creates the exception.
     *
     * @param function the native function that failed, such as {@code cuMemAlloc_v2}
     * @param code the status it returned
     * @param statusName the status's name
     * @param description what the status means, possibly followed by a log
     */
    public CudaException(String function, int code, String statusName, String description) {
        super(function, statusName + " (" + code + "): " + description);
        this.code = code;
        this.statusName = statusName;
    }

    /** Returns the numeric status. @return the code the function returned */
    public int code() {
        return code;
    }

    /** Returns the status name. @return for example {@code CUDA_ERROR_INVALID_PTX} */
    public String statusName() {
        return statusName;
    }
}
