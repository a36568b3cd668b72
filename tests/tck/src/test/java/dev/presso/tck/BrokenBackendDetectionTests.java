package dev.presso.tck;

import dev.presso.fixtures.BrokenBackends;
import dev.presso.kernel.tensor.TensorBackend;
import org.junit.jupiter.api.Test;

/**
 * Proves that the kit can fail: each backend of {@link BrokenBackends} breaks one rule, and the
 * contract that covers the rule fails exactly the tests that exercise it, with a useful message.
 *
 * <p>The conformance classes are static nested classes, which the build does not run on their
 * own; each test here runs one through the JUnit engine test kit and inspects the outcome.
 */
class BrokenBackendDetectionTests {
    @Test
    void gemmWithASmallRelativeErrorFailsTheGemmComparisons() {
        KitVerdict.run(GemmRelativeError.class).assertFailuresOnly(
                name -> name.matches("gemm (BF16 |F16 )?M=.*") || name.startsWith("gemm batched")
                        || name.startsWith("gemm with"),
                40, "differ from the float64 reference beyond tolerance");
    }

    @Test
    void gemmIgnoringBetaFailsOnlyTheCasesWithBeta() {
        KitVerdict.run(GemmIgnoringBeta.class).assertFailuresOnly(
                name -> name.matches("gemm .*beta (-0\\.5|0\\.5|1\\.0)") || name.equals("gemm batched with shared a"),
                24, "differ from the float64 reference");
    }

    @Test
    void gemmThrowingTheWrongExceptionFailsTheRejectionTests() {
        KitVerdict.run(GemmWrongException.class).assertFailuresOnly(
                name -> name.startsWith("gemm rejects"), 6, "expected a TensorException");
    }

    @Test
    void softmaxWithoutMaxShiftFailsOnLargeInputs() {
        KitVerdict.run(SoftmaxWithoutMaxShift.class).assertFailuresOnly(
                name -> name.equals("softmax of values near 1000"), 1, "NaN");
    }

    @Test
    void sumDroppingNanFailsTheNanPropagationTests() {
        KitVerdict.run(SumDroppingNan.class).assertFailuresOnly(
                name -> name.startsWith("reduce SUM with NaN"), 2, "expected NaN");
    }

    @Test
    void topKWithTheWrongTieOrderFailsTheTieTests() {
        KitVerdict.run(TopKWrongTieOrder.class).assertFailuresOnly(
                name -> name.startsWith("topK") && (name.endsWith("with ties") || name.contains("NaN")),
                4, "topK indices");
    }

    @Test
    void aLeakingBackendFailsTheMemoryTests() {
        KitVerdict.run(Leaking.class).assertFailuresOnly(
                name -> name.contains("releases everything") || name.startsWith("memoryStats")
                        || name.startsWith("trainingLoop"),
                30, "left live bytes behind");
    }

    @Test
    void fwhtIgnoringItsScaleFailsTheScaledTransforms() {
        KitVerdict.run(FwhtIgnoringScale.class).assertFailuresOnly(
                name -> name.startsWith("fwht block") || name.startsWith("d fwht"), 9, "fwht block");
    }

    @Test
    void unaryBrokenInPlaceFailsOnlyTheInPlaceTests() {
        KitVerdict.run(UnaryBrokenInPlace.class).assertFailuresOnly(
                name -> name.endsWith(" in place"), 16, "in place");
    }

    @Test
    void ropeIgnoringInverseFailsTheInverseAndTheGradient() {
        KitVerdict.run(RopeIgnoringInverse.class).assertFailuresOnly(
                name -> name.endsWith(" inverse") && name.startsWith("rope") || name.equals("d rope (x)"),
                4, "rope inverse");
    }

    @Test
    void scatterAddThatOverwritesFailsScatterAddAndTheGatherGradient() {
        KitVerdict.run(ScatterAddOverwriting.class).assertFailuresOnly(
                name -> name.startsWith("scatterAdd into") || name.startsWith("d gather"),
                6, "scatterAdd");
    }

    @Test
    void castThatTruncatesFailsTheFloatToIntegerCasts() {
        KitVerdict.run(CastTruncating.class).assertFailuresOnly(
                name -> name.matches("cast (F32|F16|BF16) -> (I32|I8|U8)"), 3, "cast F32 -> I32");
    }

    @Test
    void svdInAscendingOrderFailsTheOrderingProperty() {
        KitVerdict.run(SvdAscending.class).assertFailuresOnly(
                name -> name.startsWith("svd ["), 12, "singular values must descend");
    }

    /** Runs a contract on a broken backend, without the large inputs, to keep the build fast. */
    abstract static class Broken implements BackendContract {
        @Override
        public boolean includeLargeInputs() {
            return false;
        }
    }

    static class GemmRelativeError extends Broken implements GemmContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.gemmWithRelativeError();
        }
    }

    static class GemmIgnoringBeta extends Broken implements GemmContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.gemmIgnoringBeta();
        }
    }

    static class GemmWrongException extends Broken implements GemmContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.gemmThrowingWrongException();
        }
    }

    static class SoftmaxWithoutMaxShift extends Broken implements NeuralKernelsContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.softmaxWithoutMaxShift();
        }
    }

    static class SumDroppingNan extends Broken implements ReductionContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.reduceSumDroppingNan();
        }
    }

    static class TopKWrongTieOrder extends Broken implements IndexKernelsContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.topKWithHigherIndexFirstOnTies();
        }
    }

    static class Leaking extends Broken implements MemoryContract, StorageContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.leakingMemory();
        }
    }

    static class FwhtIgnoringScale extends Broken implements NeuralKernelsContract, AutodiffContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.fwhtIgnoringScale();
        }
    }

    static class UnaryBrokenInPlace extends Broken implements ElementwiseContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.unaryBrokenInPlace();
        }
    }

    static class RopeIgnoringInverse extends Broken implements NeuralKernelsContract, AutodiffContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.ropeIgnoringInverse();
        }
    }

    static class ScatterAddOverwriting extends Broken implements IndexKernelsContract, AutodiffContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.scatterAddOverwriting();
        }
    }

    static class CastTruncating extends Broken implements QuantKernelsContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.castTruncating();
        }
    }

    static class SvdAscending extends Broken implements LinearAlgebraKernelsContract {
        @Override
        public TensorBackend openBackend() {
            return BrokenBackends.svdAscending();
        }
    }
}
