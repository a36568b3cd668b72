package dev.presso.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.tensor.DType;
import dev.presso.kernel.tensor.Shape;
import dev.presso.kernel.tensor.Tensor;
import dev.presso.kernel.tensor.TensorException;
import dev.presso.kernel.tensor.TensorScope;
import dev.presso.kernel.tensor.Tensors;
import dev.presso.kernel.tensor.UnaryOp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Argument errors name the operation, the shapes received and what was expected. */
class ErrorMessageTests {
    private final Tensors tensors = TestTensors.reference();

    private static void assertError(String op, List<String> fragments, Executable call) {
        TensorException e = assertThrows(TensorException.class, call);
        assertEquals(op, e.op());
        for (String fragment : fragments) {
            assertTrue(e.getMessage().contains(fragment), () -> "'" + fragment + "' missing in: " + e.getMessage());
        }
    }

    @Test
    void shapeErrors() {
        long bytes = TestTensors.liveBytes(tensors);
        try (TensorScope _ = tensors.scope()) {
            Tensor a = tensors.zeros(DType.F32, Shape.of(4, 3));
            Tensor b = tensors.zeros(DType.F32, Shape.of(5, 2));
            assertError("matmul", List.of("[4, 3]", "[5, 2]", "(3)", "(5)"), () -> a.matmul(b));
            assertError("zip(ADD)", List.of("[4, 3]", "[5, 2]", "broadcast"), () -> a.add(b));
            assertError("reshape", List.of("[4, 3]", "[5, 5]"), () -> a.reshape(5, 5));
            assertError("permute", List.of("[0, 0]"), () -> a.permute(0, 0));
            assertError("slice", List.of("[2, 5)", "[4, 3]"), () -> a.slice(1, 2, 5));
            assertError("concat", List.of("[4, 3]", "[5, 2]"), () -> tensors.concat(0, List.of(a, b)));
            assertError("reduce(SUM)", List.of("axis 2", "[4, 3]"), () -> a.reduce(dev.presso.kernel.tensor.ReduceOp.SUM, false, 2));
            Tensor ids = tensors.ofInts(new int[] {1}, Shape.of(1));
            assertError("map(EXP)", List.of("I32", "F32"), () -> ids.map(UnaryOp.EXP));
            assertError("gather", List.of("I32 indices"), () -> a.gather(a));
            assertError("rmsNorm", List.of("[4, 3]", "[5, 2]"), () -> a.rmsNorm(b, 1e-5f));
        }
        assertEquals(bytes, TestTensors.liveBytes(tensors), "failed operations allocate nothing that outlives the scope");
    }

    @Test
    void closedAndForeignTensorsAreRejected() {
        Tensor a = tensors.zeros(DType.F32, Shape.of(2));
        a.close();
        assertError("map(NEG)", List.of("closed"), () -> a.map(UnaryOp.NEG));
        Tensors other = TestTensors.reference();
        try (Tensor b = other.zeros(DType.F32, Shape.of(2)); Tensor c = tensors.zeros(DType.F32, Shape.of(2))) {
            assertError("zip(ADD)", List.of("belongs to backend"), () -> c.add(b));
        }
    }
}
