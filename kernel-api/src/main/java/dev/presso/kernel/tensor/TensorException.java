package dev.presso.kernel.tensor;

import dev.presso.kernel.PressoException;
import java.io.Serial;

/**
 * A tensor operation received arguments it cannot work with: wrong shapes, dtypes or devices,
 * or a numerical failure such as a matrix that is not positive definite.
 *
 * <p>The message always names the operation, the shapes or dtypes received and what was expected,
 * for example {@code "gemm: inner dimensions differ: a is [4, 3], b is [5, 2]; expected a's
 * columns (3) to equal b's rows (5)"}.
 *
 * @since 1.0
 */
public class TensorException extends PressoException {
    @Serial private static final long serialVersionUID = 1L;

    private final String op;

    /**
     * Creates an exception for an operation.
     *
     * @param op the operation's name, such as {@code "gemm"}
     * @param message what was received and what was expected
     */
    public TensorException(String op, String message) {
        super(op + ": " + message);
        this.op = op;
    }

    /**
     * Returns the operation that failed.
     *
     * @return the operation's name
     */
    public String op() {
        return op;
    }
}
