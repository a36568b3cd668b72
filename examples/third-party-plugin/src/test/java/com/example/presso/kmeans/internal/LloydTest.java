package com.example.presso.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The one-dimensional k-means on known data. */
class LloydTest {
    @Test
    void wellSeparatedClustersAreFoundExactly() {
        float[] values = new float[120];
        float[] centers = {-3f, 0.5f, 2f, 7f};
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < values.length; i++) {
            values[i] = centers[random.nextInt(centers.length)] + (float) (random.nextDouble() - 0.5) * 0.01f;
        }
        float[] learned = Lloyd.centroids(values, 0, values.length, 4, 50, 9);
        for (int c = 0; c < 4; c++) {
            assertEquals(centers[c], learned[c], 0.01, "centroid " + c + " of " + java.util.Arrays.toString(learned));
        }
    }

    @Test
    void moreCentroidsNeverFitWorse() {
        float[] values = new float[256];
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        double previous = Double.MAX_VALUE;
        for (int k : new int[] {2, 4, 16}) {
            float[] centroids = Lloyd.centroids(values, 0, values.length, k, 25, 3);
            double error = 0;
            for (float v : values) {
                double d = v - centroids[Lloyd.nearest(centroids, v)];
                error += d * d;
            }
            assertTrue(error < previous, k + " centroids leave a squared error of " + error + ", not below " + previous);
            previous = error;
        }
    }

    @Test
    void centroidsAreHalfPrecisionAscendingAndRepeatedWhenValuesRunOut() {
        float[] values = {0.1f, 0.1f, 0.30000001f};
        float[] centroids = Lloyd.centroids(values, 0, values.length, 4, 10, 5);
        for (int c = 0; c < centroids.length; c++) {
            assertEquals(Float.float16ToFloat(Float.floatToFloat16(centroids[c])), centroids[c], 0.0);
            if (c > 0) {
                assertTrue(centroids[c - 1] <= centroids[c]);
            }
        }
        assertArrayEquals(centroids, Lloyd.centroids(values, 0, values.length, 4, 10, 5), 0f);
    }
}
