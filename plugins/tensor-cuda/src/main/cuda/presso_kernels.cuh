// What every kernel file includes: under nvcc the CUDA built-ins; under g++ the host emulation.
// PRESSO_KERNEL(name, parameters...) declares an extern "C" __global__ entry and, for the host
// build, its presso_host_<name> trampoline, so no list of kernels is kept by hand.
#ifndef PRESSO_KERNELS_CUH
#define PRESSO_KERNELS_CUH

#ifdef __CUDACC__
#define PRESSO_DYNAMIC_SHARED(TYPE, NAME) extern __shared__ TYPE NAME[]
#define PRESSO_TRAMPOLINE(NAME)
#else
#include "host/presso_host.h"
#endif

#define PRESSO_KERNEL(NAME, ...)                                                                  \
    extern "C" __global__ void NAME(__VA_ARGS__);                                                 \
    PRESSO_TRAMPOLINE(NAME)                                                                       \
    extern "C" __global__ void NAME(__VA_ARGS__)

/** A grid-stride loop over [0, n) with a 64-bit index named I. */
#define PRESSO_FOR_EACH(I, N)                                                                     \
    for (long long I = (long long) blockIdx.x * blockDim.x + threadIdx.x; I < (N);                \
            I += (long long) blockDim.x * gridDim.x)

#define PRESSO_INLINE __device__ __forceinline__

#endif
