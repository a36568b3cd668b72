package dev.presso.plugins.tensorcuda.internal.driver;

import dev.presso.kernel.tensor.TensorException;
import java.io.Serial;
import java.util.List;

/**
 * A native library that could not be loaded from any place it was looked for; the message lists
 * every attempt and why it failed.
 */
public final class MissingLibraryException extends TensorException {
    @Serial private static final long serialVersionUID = 1L;

    private final String soname;
    private final List<String> tried;

    /**
     * Creates the exception.
     *
     * @param soname the library, such as {@code libcublas.so.13}
     * @param tried each attempt with its outcome, in order
     */
    public MissingLibraryException(String soname, List<String> tried) {
        super("load", soname + " not found (tried: " + String.join(", ", tried) + ")");
        this.soname = soname;
        this.tried = List.copyOf(tried);
    }

    /** Returns the library's soname. @return for example {@code libcuda.so.1} */
    public String soname() {
        return soname;
    }

    /** Returns what was tried. @return each attempt with its outcome */
    public List<String> tried() {
        return tried;
    }

    /** Returns the reason without the operation prefix. @return "NAME not found (tried: ...)" */
    public String reason() {
        return soname + " not found (tried: " + String.join(", ", tried) + ")";
    }
}
