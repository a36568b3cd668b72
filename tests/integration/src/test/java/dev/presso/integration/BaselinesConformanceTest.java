package dev.presso.integration;

import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.plugins.baselines.MagnitudeMethodProvider;
import dev.presso.plugins.baselines.RtnMethodProvider;
import dev.presso.plugins.baselines.SvdMethodProvider;
import dev.presso.tck.CompressionMethodContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;

/**
 * The baseline methods pass the compression-method kit, in their default and their other main
 * settings. (The kit's own module cannot depend on the baselines, which use the kit in their
 * tests; this module sees both.)
 */
class BaselinesConformanceTest {
    /** Round-to-nearest, one asymmetric grid per row. */
    @Nested
    class RtnPerRow implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new RtnMethodProvider();
        }
    }

    /** Round-to-nearest, symmetric grids over groups of 16 columns (45 columns leave a short last group). */
    @Nested
    class RtnSymmetricGroups implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new RtnMethodProvider();
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("group-size", "16", "symmetric", "true");
        }
    }

    /** Unstructured magnitude pruning. */
    @Nested
    class MagnitudeUnstructured implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new MagnitudeMethodProvider();
        }
    }

    /** 2:4 magnitude pruning, on layers whose input width is a multiple of 4. */
    @Nested
    class MagnitudeTwoOfFour implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new MagnitudeMethodProvider();
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("pattern", "2:4");
        }

        @Override
        public List<long[]> shapes() {
            return List.of(new long[] {8, 32}, new long[] {6, 48}, new long[] {24, 16});
        }
    }

    /** Plain truncated SVD. */
    @Nested
    class SvdPlain implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new SvdMethodProvider();
        }
    }

    /** Activation-whitened truncated SVD. */
    @Nested
    class SvdWhitened implements CompressionMethodContract {
        @Override
        public CompressionMethodProvider provider() {
            return new SvdMethodProvider();
        }

        @Override
        public Map<String, String> settings() {
            return Map.of("whitened", "true");
        }
    }
}
