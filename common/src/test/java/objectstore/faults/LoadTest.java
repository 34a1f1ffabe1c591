package objectstore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Sustained load, opt-in ({@code ./mvnw verify -Pload}): 1,000 requests in flight for 100,000 operations (50,000 PUTs,
 * then a GET of each), on the lite client over S3Proxy and on its Redis facade. Nothing may fail, every GET must match,
 * and open files and the heap after GC must end where they started: no per-request leak of sockets or memory.
 */
@Tag("load")
class LoadTest {

    static final int OBJECTS = 50_000;
    static final int IN_FLIGHT = 1_000;
    static final int SIZE = 1_000;

    @Test
    void liteClientOnS3ProxyHolds1000InFlightFor100000Operations() throws Exception {
        try (EmbeddedS3Proxy store = EmbeddedS3Proxy.start(Backend.MEMORY, Path.of("target", "load-stores"))) {
            long fdsBefore = openFiles();
            long heapBefore = heapAfterGc();
            Sustained run;
            try (LiteS3Client client = LiteS3Client.open(
                    store.target(),
                    LiteSettings.defaults()
                            .withMaxInFlight(IN_FLIGHT)
                            .withTimeouts(
                                    Duration.ofSeconds(120),
                                    LiteSettings.DEFAULT_CONNECT_TIMEOUT,
                                    Duration.ofSeconds(60)))) {
                client.createBucket("load").join();
                run = sustain(client, "load");
            }
            assertBounded(
                    fdsBefore, heapBefore, run, "lite client, " + EmbeddedS3Proxy.product() + " (memory)", "s3proxy");
        }
    }

    @Test
    void redisFacadeHolds1000InFlightFor100000Operations() throws Exception {
        try (EmbeddedRedis redis = TestStores.startRedis(Path.of("target", "load-stores"))) {
            long fdsBefore = openFiles();
            long heapBefore = heapAfterGc();
            Sustained run;
            try (RedisObjectStore store = RedisObjectStore.open(redis.uri(), Duration.ofSeconds(120))) {
                store.createBucket("load").join();
                run = sustain(store, "load");
            }
            assertBounded(fdsBefore, heapBefore, run, "Redis facade, " + redis.product(), "redis");
        }
    }

    /** What a sustained run measured: its time, errors, and the most files it held open at once. */
    record Sustained(String client, double seconds, long errors, long peakOpenFiles) {}

    /** PUTs of every object, then GETs, each with {@value #IN_FLIGHT} in flight; every GET compared. */
    static Sustained sustain(ObjectStore store, String bucket) throws InterruptedException {
        LongAdder errors = new LongAdder();
        LongAdder verified = new LongAdder();
        java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong(openFiles());
        Thread sampler = Thread.ofPlatform().daemon().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(openFiles(), Math::max);
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        window(i -> store.putObject(bucket, key(i), data(i)).handle((eTag, error) -> {
            count(error == null, errors, verified);
            return null;
        }));
        window(i -> store.getObject(bucket, key(i)).handle((read, error) -> {
            count(error == null && Arrays.equals(read, data(i)), errors, verified);
            return null;
        }));
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "%s: %,d operations, %d in flight, in %.1f s (%.0f ops/s), errors %d, open files %d%n",
                store.description(),
                2L * OBJECTS,
                IN_FLIGHT,
                seconds,
                2 * OBJECTS / seconds,
                errors.sum(),
                openFiles());
        sampler.interrupt();
        sampler.join();
        assertThat(errors.sum()).isZero();
        assertThat(verified.sum()).isEqualTo(2L * OBJECTS);
        return new Sustained(store.description(), seconds, errors.sum(), peak.get());
    }

    private static void window(IntFunction<java.util.concurrent.CompletableFuture<?>> operation)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < OBJECTS; i++) {
            inFlight.acquire();
            operation.apply(i).whenComplete((ignored, error) -> inFlight.release());
        }
        assertThat(inFlight.tryAcquire(IN_FLIGHT, 5, TimeUnit.MINUTES))
                .as("the last operations finished")
                .isTrue();
    }

    private static void count(boolean ok, LongAdder errors, LongAdder verified) {
        (ok ? verified : errors).increment();
    }

    static String key(int i) {
        return "load/" + i;
    }

    /** The object's bytes, made again from its number: nothing of 100,000 objects is kept in memory. */
    static byte[] data(int i) {
        byte[] data = new byte[SIZE];
        byte[] stamp = ("object " + i + " ").getBytes(StandardCharsets.US_ASCII);
        for (int at = 0; at < SIZE; at++) {
            data[at] = stamp[at % stamp.length];
        }
        return data;
    }

    /*
     * Open files and the heap end where they started (the client closed), and, with -Dload.records=DIR,
     * what was measured is written as a record for the book (docs/faults-and-limits.md).
     */
    private static void assertBounded(long fdsBefore, long heapBefore, Sustained run, String store, String name)
            throws Exception {
        Thread.sleep(500); // sockets closing
        long fdsAfter = openFiles();
        long heapAfter = heapAfterGc();
        System.out.printf(
                "open files %d -> %d, heap after GC %d MiB -> %d MiB%n",
                fdsBefore, fdsAfter, heapBefore >> 20, heapAfter >> 20);
        String records = System.getProperty("load.records");
        if (records != null && !records.isBlank()) {
            java.util.Map<String, Object> record = new java.util.LinkedHashMap<>();
            record.put(
                    "what",
                    "LoadTest: " + 2L * OBJECTS + " operations (" + OBJECTS + " PUTs of " + SIZE
                            + " bytes, then a GET of each), " + IN_FLIGHT + " in flight, every GET compared");
            record.put(
                    "date",
                    java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            .toString());
            record.put("store", store);
            record.put("client", run.client());
            record.put("operations", 2L * OBJECTS);
            record.put("inFlight", IN_FLIGHT);
            record.put("seconds", Math.round(run.seconds() * 10) / 10.0);
            record.put("operationsPerSecond", Math.round(2 * OBJECTS / run.seconds()));
            record.put("errors", run.errors());
            record.put(
                    "openFiles", java.util.Map.of("before", fdsBefore, "peak", run.peakOpenFiles(), "after", fdsAfter));
            record.put("heapAfterGcMiB", java.util.Map.of("before", heapBefore >> 20, "after", heapAfter >> 20));
            record.put(
                    "machine",
                    java.util.Map.of(
                            "cores",
                            Runtime.getRuntime().availableProcessors(),
                            "jvm",
                            System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")));
            Path file = Path.of(records).resolve("load-" + name + ".json");
            Files.createDirectories(file.getParent());
            new com.fasterxml.jackson.databind.ObjectMapper()
                    .writerWithDefaultPrettyPrinter()
                    .writeValue(file.toFile(), record);
        }
        assertThat(fdsAfter).as("open files after the run").isLessThanOrEqualTo(fdsBefore + 32);
        assertThat(heapAfter).as("heap after GC").isLessThanOrEqualTo(heapBefore + (64L << 20));
    }

    static long openFiles() {
        try (var fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot count open files in /proc/self/fd", e);
        }
    }

    static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
