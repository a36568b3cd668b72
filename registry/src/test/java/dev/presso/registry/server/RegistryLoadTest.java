package dev.presso.registry.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.presso.registry.format.BundleVerifier;
import dev.presso.registry.format.IndexVerifier;
import dev.presso.registry.format.PublishRequest;
import dev.presso.registry.format.RegistryIndex;
import dev.presso.registry.format.RegistryLayout;
import dev.presso.registry.format.Release;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bounded loopback load: readers keep downloading and verifying the index and bundles (over HTTP,
 * and the index straight from disk as a file-URL client would) while publishers upload different
 * versions concurrently. Every index must verify, never go back in version for one reader, and
 * every bundle must match its hash and signature.
 */
class RegistryLoadTest {
    private static final int HTTP_READERS = 4;
    private static final int PUBLISHERS = 3;
    private static final int VERSIONS_PER_PUBLISHER = 6;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void servesVerifiableFilesWhilePublishesHappen() throws Exception {
        StoreFixture f = StoreFixture.create(dir);
        f.store().publish(f.acmeToken(), f.request("acme.kmeans", "0.1.0", 30_000));
        IndexVerifier verifier = new IndexVerifier(List.of(f.store().rootKey()));
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicBoolean publishing = new AtomicBoolean(true);
        AtomicLong indexes = new AtomicLong();
        AtomicLong bundles = new AtomicLong();
        AtomicLong diskIndexes = new AtomicLong();
        long started = System.nanoTime();

        try (RegistryServer server = RegistryServer.start(f.store(), "127.0.0.1", 0);
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            ExecutorService pool = Executors.newFixedThreadPool(HTTP_READERS + PUBLISHERS + 1);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> readers = new ArrayList<>();
            for (int r = 0; r < HTTP_READERS; r++) {
                int seed = r;
                readers.add(pool.submit(() -> read(server.uri(), http, verifier, seed, go, publishing, failures,
                        indexes, bundles)));
            }
            readers.add(pool.submit(() -> readDisk(f.store().publicRoot(), verifier, go, publishing, failures,
                    diskIndexes)));
            List<Future<?>> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                int publisher = p;
                publishers.add(pool.submit(() -> {
                    go.await();
                    for (int v = 0; v < VERSIONS_PER_PUBLISHER; v++) {
                        String version = (publisher + 1) + "." + v + ".0";
                        PublishRequest request = f.request("acme.kmeans", version, 20_000 + 7_000 * v);
                        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(
                                server.uri().resolve(PublishRequest.PATH.substring(1)))
                                .header("Authorization", "Bearer " + f.acmeToken()).expectContinue(true)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(request.toBytes())).build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (answer.statusCode() != 201) {
                            failures.add("publish " + version + " -> " + answer.statusCode() + " " + answer.body());
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> publisher : publishers) {
                publisher.get(45, TimeUnit.SECONDS);
            }
            Thread.sleep(300);
            publishing.set(false);
            for (Future<?> reader : readers) {
                reader.get(20, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("registry load: %d publishes, %d HTTP index + %d bundle downloads, %d disk index reads,"
                + " %.1f s%n", PUBLISHERS * VERSIONS_PER_PUBLISHER, indexes.get(), bundles.get(), diskIndexes.get(),
                seconds);
        assertEquals(List.of(), List.copyOf(failures));
        RegistryIndex last = f.store().index();
        assertEquals(1 + PUBLISHERS * VERSIONS_PER_PUBLISHER, last.releases("acme.kmeans").size());
        assertTrue(indexes.get() >= HTTP_READERS && bundles.get() >= HTTP_READERS && diskIndexes.get() > 0,
                "readers ran: " + indexes + " " + bundles + " " + diskIndexes);
    }

    private static Void read(URI base, HttpClient http, IndexVerifier verifier, int seed, CountDownLatch go,
            AtomicBoolean publishing, ConcurrentLinkedQueue<String> failures, AtomicLong indexes, AtomicLong bundles)
            throws Exception {
        SplittableRandom random = new SplittableRandom(seed);
        long seen = 0;
        go.await();
        do {
            try {
                HttpResponse<byte[]> index = http.send(HttpRequest.newBuilder(base.resolve(RegistryLayout.INDEX))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                RegistryIndex verified = verifier.verify(index.body(), "index.json", Instant.now(), seen);
                seen = verified.version();
                indexes.incrementAndGet();
                List<Release> releases = verified.releases("acme.kmeans");
                Release pick = releases.get(random.nextInt(releases.size()));
                HttpResponse<byte[]> bundle = http.send(HttpRequest.newBuilder(base.resolve(pick.bundle())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                BundleVerifier.verify(verified, pick.id(), pick.version(), bundle.body());
                bundles.incrementAndGet();
            } catch (RuntimeException e) {
                failures.add("reader " + seed + ": " + e.getMessage());
            }
        } while (publishing.get());
        return null;
    }

    private static Void readDisk(Path root, IndexVerifier verifier, CountDownLatch go, AtomicBoolean publishing,
            ConcurrentLinkedQueue<String> failures, AtomicLong reads) throws Exception {
        long seen = 0;
        go.await();
        do {
            try {
                seen = verifier.verify(Files.readAllBytes(root.resolve(RegistryLayout.INDEX)), "disk index.json",
                        Instant.now(), seen).version();
                reads.incrementAndGet();
            } catch (RuntimeException e) {
                failures.add("disk reader: " + e.getMessage());
            }
        } while (publishing.get());
        return null;
    }
}
