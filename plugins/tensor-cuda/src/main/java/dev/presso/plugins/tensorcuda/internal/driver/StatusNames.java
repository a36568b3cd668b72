package dev.presso.plugins.tensorcuda.internal.driver;

/** Names and descriptions of cuBLAS and cuSOLVER status codes (from their headers). */
final class StatusNames {
    private StatusNames() {}

    static String cublasName(int code) {
        return switch (code) {
            case 1 -> "CUBLAS_STATUS_NOT_INITIALIZED";
            case 3 -> "CUBLAS_STATUS_ALLOC_FAILED";
            case 7 -> "CUBLAS_STATUS_INVALID_VALUE";
            case 8 -> "CUBLAS_STATUS_ARCH_MISMATCH";
            case 11 -> "CUBLAS_STATUS_MAPPING_ERROR";
            case 13 -> "CUBLAS_STATUS_EXECUTION_FAILED";
            case 14 -> "CUBLAS_STATUS_INTERNAL_ERROR";
            case 15 -> "CUBLAS_STATUS_NOT_SUPPORTED";
            case 16 -> "CUBLAS_STATUS_LICENSE_ERROR";
            default -> "CUBLAS_STATUS_" + code;
        };
    }

    static String cublasDescription(int code) {
        return switch (code) {
            case 1 -> "the cuBLAS library was not initialized";
            case 3 -> "resource allocation failed inside cuBLAS";
            case 7 -> "an unsupported value or parameter was passed";
            case 8 -> "the function needs a feature absent from the device architecture";
            case 11 -> "access to GPU memory space failed";
            case 13 -> "the GPU program failed to execute";
            case 14 -> "an internal cuBLAS operation failed";
            case 15 -> "the requested functionality is not supported";
            case 16 -> "the functionality requires a license";
            default -> "unknown cuBLAS status";
        };
    }

    static String cusolverName(int code) {
        return switch (code) {
            case 1 -> "CUSOLVER_STATUS_NOT_INITIALIZED";
            case 2 -> "CUSOLVER_STATUS_ALLOC_FAILED";
            case 3 -> "CUSOLVER_STATUS_INVALID_VALUE";
            case 4 -> "CUSOLVER_STATUS_ARCH_MISMATCH";
            case 5 -> "CUSOLVER_STATUS_MAPPING_ERROR";
            case 6 -> "CUSOLVER_STATUS_EXECUTION_FAILED";
            case 7 -> "CUSOLVER_STATUS_INTERNAL_ERROR";
            case 8 -> "CUSOLVER_STATUS_MATRIX_TYPE_NOT_SUPPORTED";
            case 9 -> "CUSOLVER_STATUS_NOT_SUPPORTED";
            default -> "CUSOLVER_STATUS_" + code;
        };
    }

    static String cusolverDescription(int code) {
        return switch (code) {
            case 1 -> "the cuSOLVER library was not initialized";
            case 2 -> "resource allocation failed inside cuSOLVER";
            case 3 -> "an unsupported value or parameter was passed";
            case 4 -> "the function needs a feature absent from the device architecture";
            case 5 -> "access to GPU memory space failed";
            case 6 -> "the GPU program failed to execute";
            case 7 -> "an internal cuSOLVER operation failed";
            case 8 -> "the matrix type is not supported";
            case 9 -> "the requested functionality is not supported";
            default -> "unknown cuSOLVER status";
        };
    }
}
