package com.example.presso.kmeans;

import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.tck.CompressionMethodContract;

/** The method, one group per row, passes Presso's compression-method conformance kit. */
class KMeansConformanceTest implements CompressionMethodContract {
    @Override
    public CompressionMethodProvider provider() {
        return new KMeansMethodProvider();
    }
}
