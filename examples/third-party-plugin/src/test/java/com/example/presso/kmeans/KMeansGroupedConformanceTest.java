package com.example.presso.kmeans;

import dev.presso.kernel.method.CompressionMethodProvider;
import dev.presso.tck.CompressionMethodContract;
import java.util.Map;

/** The method in groups of 16 columns (a 45-column layer ends with a short group) passes the kit too. */
class KMeansGroupedConformanceTest implements CompressionMethodContract {
    @Override
    public CompressionMethodProvider provider() {
        return new KMeansMethodProvider();
    }

    @Override
    public Map<String, String> settings() {
        return Map.of("group-size", "16", "iterations", "10");
    }
}
