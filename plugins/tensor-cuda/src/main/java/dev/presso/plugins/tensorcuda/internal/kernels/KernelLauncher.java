package dev.presso.plugins.tensorcuda.internal.kernels;

/**
 * Launches one of the provider's compiled kernels by its entry name. On a GPU the launcher goes
 * through the driver ({@code cuLaunchKernel} on the backend's stream); in the kernels-on-host tests
 * it calls the same CUDA C source compiled for the CPU. Launches are ordered: a later launch sees
 * the writes of every earlier one.
 */
public interface KernelLauncher {
    /**
     * Launches a kernel.
     *
     * @param kernel the {@code extern "C" __global__} entry name, such as {@code "presso_unary_f32"}
     * @param shape the grid, block and dynamic shared memory
     * @param args the kernel's parameters, in declaration order and with the declared C types
     */
    void launch(String kernel, LaunchShape shape, KernelArg... args);
}
