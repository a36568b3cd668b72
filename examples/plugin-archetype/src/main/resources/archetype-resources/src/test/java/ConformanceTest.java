package ${package};

import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.tck.CompressionMethodContract;

/** The method passes Presso's compression-method conformance kit. */
class ConformanceTest implements CompressionMethodContract {
    @Override
    public CompressionMethodProvider provider() {
        return new HalfPrecisionMethodProvider();
    }
}
