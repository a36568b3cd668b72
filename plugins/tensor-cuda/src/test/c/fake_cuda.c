/* A fake libcuda.so.1 for tests without a GPU: "device memory" is host memory, streams run
 * everything at once, and kernels are the provider's CUDA C compiled for the host
 * (presso_host_<name> in the library given to fake_cuda_set_kernel_library, or named by the
 * environment variable FAKE_CUDA_KERNELS for a dry run of gpu/run.sh). The entry points
 * carry the versioned names that cuda.h maps the plain ones to. Control functions (fake_cuda_*)
 * let tests choose the device, inject errors and count allocations. */
#include <dlfcn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fake_common.h"

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;

enum {
    CUDA_SUCCESS = 0, CUDA_ERROR_INVALID_VALUE = 1, CUDA_ERROR_OUT_OF_MEMORY = 2,
    CUDA_ERROR_NOT_INITIALIZED = 3, CUDA_ERROR_NO_DEVICE = 100, CUDA_ERROR_INVALID_DEVICE = 101,
    CUDA_ERROR_INVALID_IMAGE = 200, CUDA_ERROR_INVALID_CONTEXT = 201,
    CUDA_ERROR_INVALID_PTX = 218, CUDA_ERROR_INVALID_HANDLE = 400, CUDA_ERROR_NOT_FOUND = 500,
    CUDA_ERROR_LAUNCH_FAILED = 719
};

typedef void (*host_kernel)(unsigned, unsigned, unsigned, unsigned, unsigned, unsigned, unsigned,
        void **);

typedef struct {
    int magic;
    char *text; /* the PTX text, or NULL for a fatbin */
} fake_module;

typedef struct {
    int magic;
    host_kernel entry;
    char name[256];
} fake_function;

#define MODULE_MAGIC 0x6d6f64
#define FUNCTION_MAGIC 0x66756e
#define FATBIN_MAGIC 0xBA55ED50u

static fake_failure failure;
static int init_result = CUDA_SUCCESS;
static int initialized = 0;
static int device_count = 1;
static int cc_major = 9, cc_minor = 0;
static int memory_pools = 1;
static long long live_allocations = 0;
static int context_retains = 0;
static void *kernel_library = NULL;
static char kernel_library_path[4096];
static int current_context_set = 0;
static int primary_context_token = 42;
static int pool_token = 7;
static unsigned long long pool_release_threshold = 0;

/* ---- control functions for tests ---- */

void fake_cuda_reset(void) {
    failure.armed = 0;
    init_result = CUDA_SUCCESS;
    initialized = 0;
    device_count = 1;
    cc_major = 9;
    cc_minor = 0;
    memory_pools = 1;
    pool_release_threshold = 0;
}

void fake_cuda_fail_next(const char *function, int code) { fake_arm_failure(&failure, function, code); }
void fake_cuda_set_init_result(int code) { init_result = code; }
void fake_cuda_set_devices(int count, int major, int minor) {
    device_count = count;
    cc_major = major;
    cc_minor = minor;
}
void fake_cuda_set_memory_pools(int supported) { memory_pools = supported; }
long long fake_cuda_live_allocations(void) { return live_allocations; }
int fake_cuda_context_retains(void) { return context_retains; }

int fake_cuda_set_kernel_library(const char *path) {
    if (kernel_library != NULL && strcmp(path, kernel_library_path) == 0) {
        return 0;
    }
    void *handle = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (handle == NULL) {
        fprintf(stderr, "fake libcuda: %s\n", dlerror());
        return -1;
    }
    kernel_library = handle;
    strncpy(kernel_library_path, path, sizeof kernel_library_path - 1);
    return 0;
}

/* ---- errors ---- */

static const char *names[][2] = {
    {"CUDA_SUCCESS", "no error"},
    {"CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {"CUDA_ERROR_OUT_OF_MEMORY", "out of memory"},
    {"CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
};

CUresult cuGetErrorName(CUresult error, const char **str) {
    switch (error) {
        case 0: case 1: case 2: case 3: *str = names[error][0]; return 0;
        case CUDA_ERROR_NO_DEVICE: *str = "CUDA_ERROR_NO_DEVICE"; return 0;
        case CUDA_ERROR_INVALID_DEVICE: *str = "CUDA_ERROR_INVALID_DEVICE"; return 0;
        case CUDA_ERROR_INVALID_IMAGE: *str = "CUDA_ERROR_INVALID_IMAGE"; return 0;
        case CUDA_ERROR_INVALID_CONTEXT: *str = "CUDA_ERROR_INVALID_CONTEXT"; return 0;
        case CUDA_ERROR_INVALID_PTX: *str = "CUDA_ERROR_INVALID_PTX"; return 0;
        case CUDA_ERROR_INVALID_HANDLE: *str = "CUDA_ERROR_INVALID_HANDLE"; return 0;
        case CUDA_ERROR_NOT_FOUND: *str = "CUDA_ERROR_NOT_FOUND"; return 0;
        case CUDA_ERROR_LAUNCH_FAILED: *str = "CUDA_ERROR_LAUNCH_FAILED"; return 0;
        default: *str = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
}

CUresult cuGetErrorString(CUresult error, const char **str) {
    switch (error) {
        case 0: case 1: case 2: case 3: *str = names[error][1]; return 0;
        case CUDA_ERROR_NO_DEVICE: *str = "no CUDA-capable device is detected"; return 0;
        case CUDA_ERROR_INVALID_DEVICE: *str = "invalid device ordinal"; return 0;
        case CUDA_ERROR_INVALID_IMAGE: *str = "device kernel image is invalid"; return 0;
        case CUDA_ERROR_INVALID_CONTEXT: *str = "invalid device context"; return 0;
        case CUDA_ERROR_INVALID_PTX: *str = "a PTX JIT compilation failed"; return 0;
        case CUDA_ERROR_INVALID_HANDLE: *str = "invalid resource handle"; return 0;
        case CUDA_ERROR_NOT_FOUND: *str = "named symbol not found"; return 0;
        case CUDA_ERROR_LAUNCH_FAILED: *str = "unspecified launch failure"; return 0;
        default: *str = NULL; return CUDA_ERROR_INVALID_VALUE;
    }
}

/* ---- initialization and devices ---- */

CUresult cuInit(unsigned int flags) {
    FAKE_FAIL(failure, "cuInit");
    if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
    if (init_result != CUDA_SUCCESS) return init_result;
    initialized = 1;
    return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int *version) {
    FAKE_FAIL(failure, "cuDriverGetVersion");
    *version = 13000;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int *count) {
    FAKE_FAIL(failure, "cuDeviceGetCount");
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    *count = device_count;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice *device, int ordinal) {
    FAKE_FAIL(failure, "cuDeviceGet");
    if (!initialized) return CUDA_ERROR_NOT_INITIALIZED;
    if (ordinal < 0 || ordinal >= device_count) return CUDA_ERROR_INVALID_DEVICE;
    *device = ordinal;
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char *name, int length, CUdevice device) {
    FAKE_FAIL(failure, "cuDeviceGetName");
    if (device < 0 || device >= device_count) return CUDA_ERROR_INVALID_DEVICE;
    snprintf(name, (size_t) length, "Fake GPU %d", device);
    return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int *value, int attribute, CUdevice device) {
    FAKE_FAIL(failure, "cuDeviceGetAttribute");
    if (device < 0 || device >= device_count) return CUDA_ERROR_INVALID_DEVICE;
    switch (attribute) {
        case 75: *value = cc_major; return CUDA_SUCCESS;
        case 76: *value = cc_minor; return CUDA_SUCCESS;
        case 115: *value = memory_pools; return CUDA_SUCCESS;
        default: return CUDA_ERROR_INVALID_VALUE;
    }
}

/* ---- contexts and streams ---- */

CUresult cuDevicePrimaryCtxRetain(void **context, CUdevice device) {
    FAKE_FAIL(failure, "cuDevicePrimaryCtxRetain");
    if (device < 0 || device >= device_count) return CUDA_ERROR_INVALID_DEVICE;
    context_retains++;
    *context = &primary_context_token;
    return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device) {
    FAKE_FAIL(failure, "cuDevicePrimaryCtxRelease_v2");
    if (context_retains <= 0) return CUDA_ERROR_INVALID_CONTEXT;
    context_retains--;
    return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(void *context) {
    FAKE_FAIL(failure, "cuCtxSetCurrent");
    if (context != NULL && context != &primary_context_token) return CUDA_ERROR_INVALID_CONTEXT;
    current_context_set = context != NULL;
    return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize(void) {
    FAKE_FAIL(failure, "cuCtxSynchronize");
    return CUDA_SUCCESS;
}

CUresult cuStreamCreate(void **stream, unsigned int flags) {
    FAKE_FAIL(failure, "cuStreamCreate");
    if (!current_context_set) return CUDA_ERROR_INVALID_CONTEXT;
    *stream = malloc(16);
    return CUDA_SUCCESS;
}

CUresult cuStreamDestroy_v2(void *stream) {
    FAKE_FAIL(failure, "cuStreamDestroy_v2");
    if (stream == NULL) return CUDA_ERROR_INVALID_HANDLE;
    free(stream);
    return CUDA_SUCCESS;
}

CUresult cuStreamSynchronize(void *stream) {
    FAKE_FAIL(failure, "cuStreamSynchronize");
    return CUDA_SUCCESS;
}

/* ---- memory ---- */

static CUresult allocate(CUdeviceptr *pointer, size_t bytes) {
    if (bytes == 0) return CUDA_ERROR_INVALID_VALUE;
    void *memory = malloc(bytes);
    if (memory == NULL) return CUDA_ERROR_OUT_OF_MEMORY;
    memset(memory, 0xA5, bytes); /* device memory is not zeroed: make stale reads visible */
    live_allocations++;
    *pointer = (CUdeviceptr) (uintptr_t) memory;
    return CUDA_SUCCESS;
}

static CUresult release(CUdeviceptr pointer) {
    if (pointer == 0) return CUDA_ERROR_INVALID_VALUE;
    free((void *) (uintptr_t) pointer);
    live_allocations--;
    return CUDA_SUCCESS;
}

CUresult cuMemAllocAsync(CUdeviceptr *pointer, size_t bytes, void *stream) {
    FAKE_FAIL(failure, "cuMemAllocAsync");
    if (!memory_pools) return 801; /* CUDA_ERROR_NOT_SUPPORTED */
    return allocate(pointer, bytes);
}

CUresult cuMemFreeAsync(CUdeviceptr pointer, void *stream) {
    FAKE_FAIL(failure, "cuMemFreeAsync");
    if (!memory_pools) return 801;
    return release(pointer);
}

unsigned long long fake_cuda_pool_release_threshold(void) { return pool_release_threshold; }

CUresult cuDeviceGetDefaultMemPool(void **pool, CUdevice device) {
    FAKE_FAIL(failure, "cuDeviceGetDefaultMemPool");
    if (device < 0 || device >= device_count) return CUDA_ERROR_INVALID_DEVICE;
    if (!memory_pools) return 801;
    *pool = &pool_token;
    return CUDA_SUCCESS;
}

CUresult cuMemPoolSetAttribute(void *pool, int attribute, void *value) {
    FAKE_FAIL(failure, "cuMemPoolSetAttribute");
    if (pool != &pool_token || value == NULL) return CUDA_ERROR_INVALID_VALUE;
    if (attribute != 4) return CUDA_ERROR_INVALID_VALUE; /* only the release threshold */
    pool_release_threshold = *(unsigned long long *) value;
    return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr *pointer, size_t bytes) {
    FAKE_FAIL(failure, "cuMemAlloc_v2");
    return allocate(pointer, bytes);
}

CUresult cuMemFree_v2(CUdeviceptr pointer) {
    FAKE_FAIL(failure, "cuMemFree_v2");
    return release(pointer);
}

CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr target, const void *source, size_t bytes, void *stream) {
    FAKE_FAIL(failure, "cuMemcpyHtoDAsync_v2");
    if (target == 0 || source == NULL) return CUDA_ERROR_INVALID_VALUE;
    memcpy((void *) (uintptr_t) target, source, bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoHAsync_v2(void *target, CUdeviceptr source, size_t bytes, void *stream) {
    FAKE_FAIL(failure, "cuMemcpyDtoHAsync_v2");
    if (target == NULL || source == 0) return CUDA_ERROR_INVALID_VALUE;
    memcpy(target, (const void *) (uintptr_t) source, bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr target, CUdeviceptr source, size_t bytes, void *stream) {
    FAKE_FAIL(failure, "cuMemcpyDtoDAsync_v2");
    if (target == 0 || source == 0) return CUDA_ERROR_INVALID_VALUE;
    memmove((void *) (uintptr_t) target, (const void *) (uintptr_t) source, bytes);
    return CUDA_SUCCESS;
}

CUresult cuMemsetD32Async(CUdeviceptr target, unsigned int value, size_t count, void *stream) {
    FAKE_FAIL(failure, "cuMemsetD32Async");
    if (target == 0 || (target & 3) != 0) return CUDA_ERROR_INVALID_VALUE;
    unsigned int *words = (unsigned int *) (uintptr_t) target;
    for (size_t i = 0; i < count; i++) words[i] = value;
    return CUDA_SUCCESS;
}

CUresult cuMemGetInfo_v2(size_t *free_bytes, size_t *total_bytes) {
    FAKE_FAIL(failure, "cuMemGetInfo_v2");
    *free_bytes = 1ull << 33;
    *total_bytes = 1ull << 34;
    return CUDA_SUCCESS;
}

/* ---- modules and launches ---- */

static void write_log(void *buffer, size_t *size, const char *text) {
    if (buffer == NULL || *size == 0) return;
    size_t n = strlen(text);
    if (n >= *size) n = *size - 1;
    memcpy(buffer, text, n);
    ((char *) buffer)[n] = 0;
    *size = n + 1;
}

CUresult cuModuleLoadDataEx(void **module, const void *image, unsigned int count, int *options,
        void **values) {
    FAKE_FAIL(failure, "cuModuleLoadDataEx");
    void *error_log = NULL, *info_log = NULL;
    size_t *error_size = NULL, *info_size = NULL;
    for (unsigned int i = 0; i < count; i++) {
        switch (options[i]) {
            case 3: info_log = values[i]; break;
            case 4: info_size = (size_t *) &values[i]; break;
            case 5: error_log = values[i]; break;
            case 6: error_size = (size_t *) &values[i]; break;
            default: return CUDA_ERROR_INVALID_VALUE;
        }
    }
    if (image == NULL) return CUDA_ERROR_INVALID_VALUE;
    fake_module *m = calloc(1, sizeof *m);
    m->magic = MODULE_MAGIC;
    if (*(const uint32_t *) image == FATBIN_MAGIC) {
        m->text = NULL;
    } else {
        const char *text = image;
        if (strstr(text, ".version") == NULL || strstr(text, ".entry") == NULL) {
            if (error_size != NULL) {
                write_log(error_log, error_size, "ptxas fatal   : Unresolved: the image has no "
                        ".version directive or no .entry; this is not PTX");
            }
            free(m);
            return CUDA_ERROR_INVALID_PTX;
        }
        m->text = strdup(text);
    }
    if (info_size != NULL) write_log(info_log, info_size, "fake JIT: module loaded");
    *module = m;
    return CUDA_SUCCESS;
}

CUresult cuModuleUnload(void *module) {
    FAKE_FAIL(failure, "cuModuleUnload");
    fake_module *m = module;
    if (m == NULL || m->magic != MODULE_MAGIC) return CUDA_ERROR_INVALID_HANDLE;
    m->magic = 0;
    free(m->text);
    free(m);
    return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(void **function, void *module, const char *name) {
    FAKE_FAIL(failure, "cuModuleGetFunction");
    fake_module *m = module;
    if (m == NULL || m->magic != MODULE_MAGIC) return CUDA_ERROR_INVALID_HANDLE;
    if (m->text != NULL) {
        char entry[300];
        snprintf(entry, sizeof entry, ".entry %s(", name);
        if (strstr(m->text, entry) == NULL) return CUDA_ERROR_NOT_FOUND;
    }
    if (kernel_library == NULL && getenv("FAKE_CUDA_KERNELS") != NULL) {
        fake_cuda_set_kernel_library(getenv("FAKE_CUDA_KERNELS"));
    }
    if (kernel_library == NULL) return CUDA_ERROR_NOT_FOUND;
    char symbol[300];
    snprintf(symbol, sizeof symbol, "presso_host_%s", name);
    host_kernel entry = (host_kernel) dlsym(kernel_library, symbol);
    if (entry == NULL) return CUDA_ERROR_NOT_FOUND;
    fake_function *f = calloc(1, sizeof *f);
    f->magic = FUNCTION_MAGIC;
    f->entry = entry;
    strncpy(f->name, name, sizeof f->name - 1);
    *function = f;
    return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(void *function, unsigned int gx, unsigned int gy, unsigned int gz,
        unsigned int bx, unsigned int by, unsigned int bz, unsigned int shared, void *stream,
        void **params, void **extra) {
    FAKE_FAIL(failure, "cuLaunchKernel");
    fake_function *f = function;
    if (f == NULL || f->magic != FUNCTION_MAGIC) return CUDA_ERROR_INVALID_HANDLE;
    if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0
            || (unsigned long long) bx * by * bz > 1024 || gy > 65535 || gz > 65535
            || extra != NULL || stream == NULL) {
        return CUDA_ERROR_INVALID_VALUE;
    }
    f->entry(gx, gy, gz, bx, by, bz, shared, params);
    return CUDA_SUCCESS;
}
