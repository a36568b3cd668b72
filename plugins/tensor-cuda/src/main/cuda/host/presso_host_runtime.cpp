// The grid runner behind presso_host.h: blocks run one after the other on the calling OS thread,
// and the threads of a block are fibers on private stacks. A fiber runs until it finishes or
// reaches __syncthreads(); once every fiber has done one or the other, the waiting ones resume. Switching uses _setjmp/_longjmp (no signal-mask system call), and a new fiber is
// entered by pointing the stack pointer at its stack and calling the entry function.
#include "presso_host.h"

#include <csetjmp>
#include <cstdio>
#include <cstdlib>
#include <sys/mman.h>
#include <vector>

namespace presso_host {

thread_local Coordinates current;

namespace {

constexpr std::size_t kStackBytes = 256 * 1024;
constexpr unsigned kMaxThreads = 1024;

enum class State { kNew, kRunning, kWaiting, kDone };

struct Fiber {
    jmp_buf context;
    State state;
    unsigned stack;
};

/** Everything one OS thread needs to run blocks; created on its first launch. */
struct Scheduler {
    jmp_buf context;
    Fiber fibers[kMaxThreads];
    char* stacks = nullptr;
    // Stacks not in use, most recently freed last: a fiber that finishes without waiting hands
    // its (cache-warm) stack to the next one, so barrier-free kernels run on a single stack.
    unsigned freeStacks[kMaxThreads];
    unsigned freeCount = 0;
    unsigned count = 0;
    unsigned running = 0;
    Body body = nullptr;
    void* closure = nullptr;
    std::vector<unsigned char> shared;
};

thread_local Scheduler* scheduler = nullptr;

Scheduler& self() {
    if (scheduler == nullptr) {
        scheduler = new Scheduler();
        void* memory = mmap(nullptr, kStackBytes * kMaxThreads, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (memory == MAP_FAILED) {
            std::fprintf(stderr, "presso host kernels: cannot map fiber stacks\n");
            std::abort();
        }
        scheduler->stacks = static_cast<char*>(memory);
        for (unsigned i = 0; i < kMaxThreads; i++) {
            scheduler->freeStacks[i] = kMaxThreads - 1 - i;
        }
        scheduler->freeCount = kMaxThreads;
    }
    return *scheduler;
}

void set_thread_index(unsigned linear) {
    dim3 b = current.blockSize;
    current.thread = dim3{linear % b.x, (linear / b.x) % b.y, linear / (b.x * b.y)};
}

[[noreturn]] void fiber_main() {
    Scheduler& s = *scheduler;
    s.body(s.closure);
    s.fibers[s.running].state = State::kDone;
    _longjmp(s.context, 1);
}

[[gnu::noinline]] void enter_new_fiber(void* top) {
#if defined(__x86_64__)
    asm volatile("movq %0, %%rsp\n\tcall *%1\n\tud2" : : "r"(top), "r"(&fiber_main) : "memory");
#elif defined(__aarch64__)
    asm volatile("mov sp, %0\n\tblr %1\n\tbrk #0" : : "r"(top), "r"(&fiber_main) : "memory");
#else
#error "presso host kernels support x86-64 and AArch64"
#endif
    __builtin_unreachable();
}

/** Runs (or resumes) fiber i until it waits or finishes. */
[[gnu::noinline]] void step(Scheduler& s, unsigned i) {
    s.running = i;
    set_thread_index(i);
    if (_setjmp(s.context) == 0) {
        Fiber& fiber = s.fibers[i];
        if (fiber.state == State::kNew) {
            fiber.state = State::kRunning;
            fiber.stack = s.freeStacks[--s.freeCount];
            char* top = s.stacks + (static_cast<std::size_t>(fiber.stack) + 1) * kStackBytes - 64;
            enter_new_fiber(top);
        }
        _longjmp(fiber.context, 1);
    }
    if (s.fibers[i].state == State::kDone) {
        s.freeStacks[s.freeCount++] = s.fibers[i].stack;
    }
}

/**
 * Runs one block: every fiber up to its first barrier (or its end), then every waiting fiber up to
 * its next one, until all are done. Successive phases alternate between ascending and descending
 * thread order, so a kernel that lacks a __syncthreads() between a write and another thread's
 * read of the same shared memory gets a wrong result in the tests instead of a lucky right one.
 */
void run_block(Scheduler& s) {
    for (unsigned i = 0; i < s.count; i++) {
        s.fibers[i].state = State::kNew;
    }
    bool descending = false;
    bool pending = true;
    while (pending) {
        pending = false;
        for (unsigned k = 0; k < s.count; k++) {
            unsigned i = descending ? s.count - 1 - k : k;
            State state = s.fibers[i].state;
            if (state == State::kNew || state == State::kWaiting) {
                pending = true;
                step(s, i);
            }
        }
        descending = !descending;
    }
}

}  // namespace

void syncthreads() {
    Scheduler& s = *scheduler;
    Fiber& fiber = s.fibers[s.running];
    fiber.state = State::kWaiting;
    if (_setjmp(fiber.context) == 0) {
        _longjmp(s.context, 1);
    }
    set_thread_index(s.running);
    fiber.state = State::kRunning;
}

void run_grid(dim3 grid, dim3 block, unsigned sharedBytes, Body body, void* closure) {
    Scheduler& s = self();
    unsigned threads = block.x * block.y * block.z;
    if (threads == 0 || threads > kMaxThreads) {
        std::fprintf(stderr, "presso host kernels: %u threads per block\n", threads);
        std::abort();
    }
    Coordinates saved = current;
    s.count = threads;
    s.body = body;
    s.closure = closure;
    s.shared.assign(sharedBytes == 0 ? 1 : sharedBytes, 0);
    current.blockSize = block;
    current.gridSize = grid;
    current.dynamicShared = s.shared.data();
    for (unsigned z = 0; z < grid.z; z++) {
        for (unsigned y = 0; y < grid.y; y++) {
            for (unsigned x = 0; x < grid.x; x++) {
                current.block = dim3{x, y, z};
                run_block(s);
            }
        }
    }
    current = saved;
}

}  // namespace presso_host
