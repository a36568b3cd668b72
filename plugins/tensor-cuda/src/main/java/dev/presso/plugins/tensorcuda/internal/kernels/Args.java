package dev.presso.plugins.tensorcuda.internal.kernels;

/** Short constructors of {@link KernelArg}s, so launches read like the kernels' signatures. */
final class Args {
    private Args() {}

    static KernelArg ptr(long address) {
        return new KernelArg.Pointer(address);
    }

    static KernelArg i64(long value) {
        return new KernelArg.I64(value);
    }

    static KernelArg i32(int value) {
        return new KernelArg.I32(value);
    }

    static KernelArg f32(float value) {
        return new KernelArg.F32(value);
    }
}
