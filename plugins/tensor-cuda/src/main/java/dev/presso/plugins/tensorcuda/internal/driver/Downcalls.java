package dev.presso.plugins.tensorcuda.internal.driver;

import dev.presso.kernel.tensor.TensorException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import org.jspecify.annotations.Nullable;

/** Binds a library's functions by their exact (versioned) names. */
final class Downcalls {
    private static final Linker LINKER = Linker.nativeLinker();

    private final SymbolLookup lookup;
    private final String library;

    Downcalls(SymbolLookup lookup, String library) {
        this.lookup = lookup;
        this.library = library;
    }

    /** Binds a function that must exist. */
    MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MethodHandle handle = bindOptional(name, descriptor);
        if (handle == null) {
            throw new TensorException("load", library + " has no function " + name
                    + "; it is older than this provider supports (CUDA 13 expected)");
        }
        return handle;
    }

    /** Binds a function that may be absent, returning {@code null} then. */
    @Nullable MethodHandle bindOptional(String name, FunctionDescriptor descriptor) {
        return lookup.find(name).map(address -> LINKER.downcallHandle(address, descriptor))
                .orElse(null);
    }

    /** Wraps a failure of the call mechanism itself (not a CUDA status). */
    static RuntimeException failure(String function, Throwable t) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new TensorException(function, "native call failed: " + t);
    }
}
