package dev.presso.tck;

import dev.presso.kernel.method.CompressionMethodProvider;
import org.junit.jupiter.api.Test;

/**
 * Proves that the compression-method kit can fail: a correct toy method passes it, and each flawed
 * one fails the tests that exercise the rule it breaks, and only those.
 */
class MethodKitDetectionTests {
    @Test
    void aCorrectMethodPasses() {
        KitVerdict.run(Correct.class).assertAllPassed();
    }

    @Test
    void aCostModelThatDisagreesWithStorageIsCaught() {
        KitVerdict.run(WrongCost.class).assertFailuresOnly(name -> name.startsWith("compress "), 6,
                "exactly costBits()");
    }

    @Test
    void aCostThatRisesWithCompressionIsCaught() {
        KitVerdict.run(CostRises.class).assertFailuresOnly(name -> name.startsWith("costIsPositive"), 1,
                "more than the less compressed level");
    }

    @Test
    void aLossyRestoreIsCaught() {
        KitVerdict.run(LossyRestore.class).assertFailuresOnly(name -> name.startsWith("restore "), 2,
                "bit for bit");
    }

    @Test
    void aNondeterministicMethodIsCaught() {
        KitVerdict.run(Nondeterministic.class).assertFailuresOnly(name -> name.startsWith("sameSeed"), 1,
                "different payloads");
    }

    @Test
    void applyingAnotherWeightThanTheDenseOneIsCaught() {
        KitVerdict.run(ApplyIgnoresPayload.class).assertFailuresOnly(name -> name.startsWith("compress ")
                || name.startsWith("restore "), 6, "x denseWeight^T");
    }

    @Test
    void acceptingAForeignLevelIsCaught() {
        KitVerdict.run(AcceptsForeignLevel.class).assertFailuresOnly(name -> name.startsWith("badCost")
                || name.startsWith("badCompressions"), 2, "level the method does not offer");
    }

    static class Correct implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new ToyMethodProvider(ToyMethodProvider.Flaw.NONE);
        }
    }

    static class WrongCost implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new ToyMethodProvider(ToyMethodProvider.Flaw.WRONG_COST);
        }
    }

    static class CostRises implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new ToyMethodProvider(ToyMethodProvider.Flaw.COST_RISES);
        }
    }

    static class LossyRestore implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new ToyMethodProvider(ToyMethodProvider.Flaw.LOSSY_RESTORE);
        }
    }

    static class Nondeterministic implements CompressionMethodContract {
        private final CompressionMethodProvider provider =
                new ToyMethodProvider(ToyMethodProvider.Flaw.NONDETERMINISTIC);

        @Override
        public CompressionMethodProvider provider() {
            return provider;
        }
    }

    static class ApplyIgnoresPayload implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new ToyMethodProvider(ToyMethodProvider.Flaw.APPLY_IGNORES_PAYLOAD);
        }
    }

    static class AcceptsForeignLevel implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new ToyMethodProvider(ToyMethodProvider.Flaw.ACCEPTS_FOREIGN_LEVEL);
        }
    }
}
