package com.example.presso.kmeans.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.kernel.PressoException;
import dev.presso.kernel.pipeline.CancellationToken;
import dev.presso.kernel.pipeline.Checkpoints;
import dev.presso.kernel.pipeline.PluginContext;
import dev.presso.kernel.pipeline.ProgressSink;
import dev.presso.kernel.tensor.Tensors;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Clustering a whole layer: groups, codes, centroids, error against bits, seeds, cancellation. */
class ClusteredLayerTest {
    private static final int OUT = 6;
    private static final int IN = 40;

    @Test
    void moreBitsLeaveLessError() {
        float[] weight = gaussian(1);
        double previous = Double.MAX_VALUE;
        for (int bits : new int[] {1, 2, 4}) {
            ClusteredLayer layer = ClusteredLayer.cluster(weight, OUT, new Grouping(IN, 16), bits, 25, context(7, false));
            double error = squaredError(weight, layer.dense());
            assertTrue(error < previous, bits + " bits leave " + error + ", not below " + previous);
            previous = error;
        }
    }

    @Test
    void everyWeightTakesACentroidOfItsOwnGroup() {
        float[] weight = gaussian(2);
        Grouping grouping = new Grouping(IN, 16);
        ClusteredLayer layer = ClusteredLayer.cluster(weight, OUT, grouping, 2, 25, context(3, false));
        assertEquals(3, grouping.count());
        assertEquals(OUT * 3 * 4, layer.centroids().length);
        float[] dense = layer.dense();
        for (int row = 0; row < OUT; row++) {
            for (int g = 0; g < 3; g++) {
                float[] own = Arrays.copyOfRange(layer.centroids(), (row * 3 + g) * 4, (row * 3 + g + 1) * 4);
                for (int c = grouping.start(g); c < grouping.end(g); c++) {
                    int code = layer.codes()[row * IN + c];
                    assertEquals(own[code], dense[row * IN + c], 0.0);
                    assertEquals(Lloyd.nearest(own, weight[row * IN + c]), code, "weight " + row + "," + c);
                }
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameClustering() {
        float[] weight = gaussian(3);
        ClusteredLayer first = ClusteredLayer.cluster(weight, OUT, new Grouping(IN, 0), 2, 25, context(5, false));
        ClusteredLayer second = ClusteredLayer.cluster(weight, OUT, new Grouping(IN, 0), 2, 25, context(5, false));
        assertArrayEquals(first.codes(), second.codes());
        assertArrayEquals(first.centroids(), second.centroids());
    }

    @Test
    void aCancelledRunStops() {
        assertThrows(PressoException.class, () -> ClusteredLayer.cluster(gaussian(4), OUT, new Grouping(IN, 0), 2, 25,
                context(5, true)));
    }

    private static float[] gaussian(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] values = new float[OUT * IN];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    private static double squaredError(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /** A context with a seed and a cancellation flag; clustering uses nothing else. */
    private static PluginContext context(long seed, boolean cancelled) {
        return new PluginContext() {
            @Override
            public Tensors tensors() {
                throw new UnsupportedOperationException("clustering computes on the heap");
            }

            @Override
            public long seed() {
                return seed;
            }

            @Override
            public ProgressSink progress(String task, long totalSteps) {
                return new ProgressSink() {
                    @Override
                    public void advance(long done) {}

                    @Override
                    public void status(String message) {}

                    @Override
                    public void close() {}
                };
            }

            @Override
            public CancellationToken cancellation() {
                return new CancellationToken() {
                    @Override
                    public boolean isCancelled() {
                        return cancelled;
                    }

                    @Override
                    public void throwIfCancelled() {
                        if (cancelled) {
                            throw new PressoException("cancelled");
                        }
                    }
                };
            }

            @Override
            public System.Logger logger() {
                return System.getLogger("kmeans-test");
            }

            @Override
            public Checkpoints checkpoints() {
                return new Checkpoints() {
                    @Override
                    public Optional<byte[]> load(String name) {
                        return Optional.empty();
                    }

                    @Override
                    public void save(String name, byte[] data) {}
                };
            }
        };
    }
}
