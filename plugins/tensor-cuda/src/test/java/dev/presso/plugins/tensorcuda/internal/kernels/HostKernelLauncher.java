package dev.presso.plugins.tensorcuda.internal.kernels;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link KernelLauncher} that runs the kernels' host build ({@link HostKernels}): it calls
 * {@code presso_host_<kernel>} through FFM with a {@code void**} parameter array laid out as
 * {@code cuLaunchKernel}'s {@code kernelParams}, each element pointing to one argument value.
 * A launch runs to completion on the calling thread, so launches are ordered.
 */
final class HostKernelLauncher implements KernelLauncher {
    private static final FunctionDescriptor TRAMPOLINE = FunctionDescriptor.ofVoid(
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS);

    private final SymbolLookup library;
    private final Map<String, MethodHandle> trampolines = new ConcurrentHashMap<>();

    /**
     * Loads the host build of the kernels.
     *
     * @param library the shared library from {@link HostKernels#library()}
     */
    HostKernelLauncher(Path library) {
        this.library = SymbolLookup.libraryLookup(library, Arena.global());
    }

    @Override
    public void launch(String kernel, LaunchShape shape, KernelArg... args) {
        MethodHandle trampoline = trampolines.computeIfAbsent(kernel, this::bind);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment params = arena.allocate(ValueLayout.ADDRESS, Math.max(1, args.length));
            for (int i = 0; i < args.length; i++) {
                params.setAtIndex(ValueLayout.ADDRESS, i, value(arena, args[i]));
            }
            trampoline.invokeExact(shape.gridX(), shape.gridY(), shape.gridZ(), shape.blockX(),
                    shape.blockY(), shape.blockZ(), shape.sharedBytes(), params);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("launch of " + kernel + " failed", e);
        }
    }

    private MethodHandle bind(String kernel) {
        MemorySegment symbol = library.find("presso_host_" + kernel).orElseThrow(() ->
                new IllegalArgumentException("the host kernels have no entry presso_host_"
                        + kernel));
        return Linker.nativeLinker().downcallHandle(symbol, TRAMPOLINE);
    }

    private static MemorySegment value(Arena arena, KernelArg arg) {
        return switch (arg) {
            case KernelArg.Pointer p -> arena.allocateFrom(ValueLayout.JAVA_LONG, p.address());
            case KernelArg.I64 v -> arena.allocateFrom(ValueLayout.JAVA_LONG, v.value());
            case KernelArg.I32 v -> arena.allocateFrom(ValueLayout.JAVA_INT, v.value());
            case KernelArg.F32 v -> arena.allocateFrom(ValueLayout.JAVA_FLOAT, v.value());
        };
    }
}
