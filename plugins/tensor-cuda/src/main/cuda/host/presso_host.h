// Lets the provider's CUDA C kernels compile for the host CPU with g++, for the kernels-on-host
// tests. A launch runs every block of the grid, one after the other, on the calling OS thread;
// inside a block every CUDA thread is a fiber with its own stack, so __syncthreads() is a real
// barrier: a fiber that reaches it yields, and the block resumes once every live fiber has
// arrived. __shared__ variables are per-OS-thread statics (one block runs at a time per OS
// thread); dynamic shared memory is a per-launch buffer. Atomics are real atomics.
#ifndef PRESSO_HOST_H
#define PRESSO_HOST_H

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <tuple>
#include <utility>

struct dim3 {
    unsigned x, y, z;
};
using uint3 = dim3;

namespace presso_host {

/** The coordinates of the fiber that runs now on this OS thread. */
struct Coordinates {
    dim3 thread;
    dim3 block;
    dim3 blockSize;
    dim3 gridSize;
    void* dynamicShared;
};

extern thread_local Coordinates current;

/** Suspends the calling fiber until every live fiber of its block has called it. */
void syncthreads();

/** The body of one CUDA thread, run on a fiber. */
using Body = void (*)(void* closure);

/** Runs a grid: every block, each with blockDim fibers running body(closure). */
void run_grid(dim3 grid, dim3 block, unsigned sharedBytes, Body body, void* closure);

template <typename... A, std::size_t... I>
std::tuple<A...> unpack(void** params, std::index_sequence<I...>) {
    return std::tuple<A...>{*static_cast<A*>(params[I])...};
}

template <typename... A, std::size_t... I>
void invoke(void (*kernel)(A...), std::tuple<A...>& args, std::index_sequence<I...>) {
    kernel(std::get<I>(args)...);
}

/** Unpacks cuLaunchKernel-style parameters (each element points to one argument) and runs. */
template <typename... A>
void launch(void (*kernel)(A...), unsigned gx, unsigned gy, unsigned gz, unsigned bx,
        unsigned by, unsigned bz, unsigned shared, void** params) {
    struct Closure {
        void (*kernel)(A...);
        std::tuple<A...> args;
    };
    Closure closure{kernel, unpack<A...>(params, std::index_sequence_for<A...>{})};
    run_grid(dim3{gx, gy, gz}, dim3{bx, by, bz}, shared,
            [](void* c) {
                Closure* self = static_cast<Closure*>(c);
                std::tuple<A...> copy = self->args;
                invoke(self->kernel, copy, std::index_sequence_for<A...>{});
            },
            &closure);
}

}  // namespace presso_host

#define threadIdx (presso_host::current.thread)
#define blockIdx (presso_host::current.block)
#define blockDim (presso_host::current.blockSize)
#define gridDim (presso_host::current.gridSize)

using std::isinf;
using std::isnan;

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline
#define __restrict__ __restrict
#define __shared__ static thread_local
#define __syncthreads() presso_host::syncthreads()

/** Declares the block's dynamic shared memory as a pointer named NAME to TYPE. */
#define PRESSO_DYNAMIC_SHARED(TYPE, NAME) TYPE* NAME = static_cast<TYPE*>(presso_host::current.dynamicShared)

/** The trampoline that cuLaunchKernel's stand-in finds with dlsym("presso_host_" + name). */
#define PRESSO_TRAMPOLINE(NAME)                                                                   \
    extern "C" __attribute__((visibility("default"))) void presso_host_##NAME(                     \
            unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,           \
            unsigned shared, void** params) {                                                     \
        presso_host::launch(&NAME, gx, gy, gz, bx, by, bz, shared, params);                       \
    }

inline int atomicAdd(int* address, int value) {
    return __atomic_fetch_add(address, value, __ATOMIC_RELAXED);
}

inline unsigned long long atomicAdd(unsigned long long* address, unsigned long long value) {
    return __atomic_fetch_add(address, value, __ATOMIC_RELAXED);
}

inline int atomicMin(int* address, int value) {
    int old = __atomic_load_n(address, __ATOMIC_RELAXED);
    while (value < old && !__atomic_compare_exchange_n(address, &old, value, true,
            __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {
    }
    return old;
}

inline float atomicAdd(float* address, float value) {
    float old;
    __atomic_load(address, &old, __ATOMIC_RELAXED);
    float desired;
    do {
        desired = old + value;
    } while (!__atomic_compare_exchange(address, &old, &desired, true, __ATOMIC_RELAXED,
            __ATOMIC_RELAXED));
    return old;
}

inline float __int_as_float(int bits) {
    float f;
    __builtin_memcpy(&f, &bits, sizeof f);
    return f;
}

inline int __float_as_int(float f) {
    int bits;
    __builtin_memcpy(&bits, &f, sizeof bits);
    return bits;
}

inline double __longlong_as_double(long long bits) {
    double d;
    __builtin_memcpy(&d, &bits, sizeof d);
    return d;
}

inline long long __double_as_longlong(double d) {
    long long bits;
    __builtin_memcpy(&bits, &d, sizeof bits);
    return bits;
}

#endif
